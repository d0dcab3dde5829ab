/** Playwright global setup: builds the offline mock chat pages (tests/e2e/mock-sites/dist). */
import { buildMockSites } from './mock-sites/build';

export default async function globalSetup(): Promise<void> {
  await buildMockSites();
}
