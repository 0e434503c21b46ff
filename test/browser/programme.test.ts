import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canvasIsDrawn, chartValueCount, expectCsvMatchesTable, switchToEnglish } from './helpers/checks.js';
import { andWaitForRender, openPage, screenshot, startStack, type Stack } from './helpers/stack.js';

describe('Programme page', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('programme');
  });
  afterAll(async () => {
    await stack?.close();
  });

  it('shows the national programme by default and switches programme through the URL', async () => {
    const { page, errors } = await openPage(stack, '#/programme');
    expect(await page.inputValue('select[name="programme"]')).toBe('nq19-2021-2025');
    await expectCsvMatchesTable(page, 'targets');
    await andWaitForRender(page, () => page.selectOption('select[name="programme"]', 'hp-nq23-2023-2025'));
    expect(page.url()).toContain('programme=hp-nq23-2023-2025');
    expect(await chartValueCount(page, 'responsibility')).toBeGreaterThan(0);
    expect(await canvasIsDrawn(page, 'responsibility')).toBe(true);
    await screenshot(page, 'programme-vi');
    expect(errors).toEqual([]);
  });

  it('restores the programme from the URL, switches language, and its CSVs match the tables', async () => {
    const { page, errors } = await openPage(stack, '#/programme?programme=hp-nq23-2023-2025');
    expect(await page.inputValue('select[name="programme"]')).toBe('hp-nq23-2023-2025');
    await switchToEnglish(page);
    expect(await page.inputValue('select[name="programme"]')).toBe('hp-nq23-2023-2025');
    expect(await page.textContent('h1')).toBe('Programme structure');
    const rows = await expectCsvMatchesTable(page, 'responsibility');
    expect(rows[0]).toEqual(['Agency', 'Target', 'Role']);
    await expectCsvMatchesTable(page, 'targets');
    await screenshot(page, 'programme-en');
    expect(errors).toEqual([]);
  });
});
