import type { Metadata } from 'next';
import { ApiDocs, type ApiDocument } from '@/components/api-docs/api-docs';
import { buildOpenApi } from '@/server/openapi';
import './api-docs.css';

export const metadata: Metadata = { title: 'API' };
// Built per request: the write rules' date range depends on today.
export const dynamic = 'force-dynamic';

/** /api: GET /api/openapi.json as a readable page. */
export default function ApiPage() {
  return <ApiDocs doc={buildOpenApi() as unknown as ApiDocument} />;
}
