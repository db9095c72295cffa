// Page objects shared by every spec (Playwright best practice: role and label locators).
import { test as base, expect, type Page } from '@playwright/test';

export class TimelinePage {
  constructor(readonly page: Page) {}
  async goto(query = '') {
    await this.page.goto(`/${query}`);
  }
  entries() {
    return this.page.getByRole('list', { name: 'Timeline entries' }).getByRole('listitem');
  }
  entry(title: string | RegExp) {
    return this.entries().filter({ hasText: title });
  }
}

export const test = base.extend<{ timeline: TimelinePage }>({
  // Named `provide` rather than Playwright's usual `use`, which the React hooks lint rule mistakes for React's use().
  timeline: async ({ page }, provide) => {
    await provide(new TimelinePage(page));
  },
});

export { expect };
