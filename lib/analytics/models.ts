// The engine's option lists, in a module without dependencies so that client code (view state,
// controls) can import them without pulling in the statistics.
import type { ModelName, ReturnsKind } from './types';

export const MODELS: readonly ModelName[] = ['market', 'market-adjusted', 'constant-mean'];

export const RETURNS_KINDS: readonly ReturnsKind[] = ['simple', 'log'];
