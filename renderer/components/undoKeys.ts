/**
 * Who answers Ctrl+Z / Ctrl+Y: a field holding text not yet saved keeps the browser's own undo of typing;
 * everywhere else (the grid's selected cell, a 是/否 select, a button, a field whose text is all saved) the
 * keys undo the window's last saved edit. A field says it holds nothing unsaved with data-undo="window".
 */

/** Input types that hold no typed text, so have no undo of their own. */
const NOT_TEXT = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

export function fieldOwnsUndo(el: Element | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.dataset.undo === 'window') return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  if (el.tagName === 'INPUT') return !NOT_TEXT.has((el as HTMLInputElement).type);
  return false;
}

/** The attribute a field spreads on itself: nothing unsaved in it, so Ctrl+Z is the window's. */
export function undoOwner(unsaved: boolean): { 'data-undo'?: 'window' } {
  return unsaved ? {} : { 'data-undo': 'window' };
}
