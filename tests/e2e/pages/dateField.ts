import type { Locator } from 'playwright';

/** Types a date into a DateField (年/月/日) as a clerk does: digits only, the field moves on by itself. */
export async function typeDate(field: Locator, iso: string): Promise<void> {
  await field.getByRole('textbox').first().click();
  await field.page().keyboard.type(iso.replace(/-/g, ''));
  await field.page().keyboard.press('Enter');
}

/** The three parts as shown: 年, 月, 日. */
export async function dateParts(field: Locator): Promise<string[]> {
  return field.getByRole('textbox').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
}
