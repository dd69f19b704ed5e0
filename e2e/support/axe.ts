import AxeBuilder from '@axe-core/playwright';
import { expect, Page } from '@playwright/test';

/**
 * Runs axe-core on what the page shows once loaded (or only the part `include`
 * selects, where the rest is Backstage's own) and fails on any serious or
 * critical violation, listing each rule with the first offending nodes.
 */
export async function expectNoSeriousA11yViolations(
  page: Page,
  include?: string,
) {
  // What a reader meets is the settled page: wait for the spinners of cards
  // still loading (the stock catalog graph's has no name) to go first.
  await expect(
    page.locator(include ?? 'body').locator('[role="progressbar"]'),
  ).toHaveCount(0, { timeout: 30_000 });
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  const serious = violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(
      v =>
        `${v.impact} ${v.id} (${v.nodes.length}): ${v.nodes
          .slice(0, 3)
          .map(n => `${n.target.join(' ')} ${n.html.slice(0, 160)}`)
          .join(' | ')}`,
    );
  expect(serious, `axe-core on ${page.url()}`).toEqual([]);
}
