/**
 * PRINT (issue 19): one way to print whatever print view is open. The page's print styles decide what goes
 * on paper; the browser mode prints through the browser's own dialog (which also saves a PDF), the desktop
 * window asks the main process (webContents.print / printToPDF), which keeps its system dialogs.
 *
 * Screens that print (the 一览表's print view, 调度评估, 会议模式, 督查通报) say so while they are open, with
 * their paper: 文件 › 打印… and Ctrl+P then print the one on top, and open the 一览表's print view when none is.
 */
import { useEffect, useRef } from 'react';
import type { PrintSetup } from '../../shared/print';
import { desktop, desktopPrint, desktopSavePdf } from './shell';

export { desktop as canSavePdf };

/** 调度评估 and 会议模式 print on A4 landscape (review.css), the 督查通报 on A4 portrait (GB/T 9704). */
export const REVIEW_PAPER: PrintSetup = { paper: 'A4', landscape: true };
export const BULLETIN_PAPER: PrintSetup = { paper: 'A4', landscape: false };

export async function printPage(setup: PrintSetup): Promise<void> {
  if (desktop) await desktopPrint(setup);
  else window.print();
}

/** Desktop only: the browser's print dialog has 另存为PDF itself. */
export function savePdf(setup: PrintSetup, fileName: string): Promise<string | null> {
  return desktopSavePdf(setup, fileName);
}

const open: { setup: () => PrintSetup }[] = [];

/** While mounted, this screen is what 打印 prints (the latest mounted one on top). */
export function usePrintable(setup: PrintSetup): void {
  const latest = useRef(setup);
  latest.current = setup;
  useEffect(() => {
    const entry = { setup: () => latest.current };
    open.push(entry);
    return () => void open.splice(open.indexOf(entry), 1);
  }, []);
}

/** The paper of the printable screen on top, or null when none is open. */
export function printableOnTop(): PrintSetup | null {
  return open.at(-1)?.setup() ?? null;
}
