/**
 * PRINT (issue 19): one way to print whatever print view is open. The page's print styles decide what goes
 * on paper; the browser mode prints through the browser's own dialog (which also saves a PDF), the desktop
 * window asks the main process (webContents.print / printToPDF), which keeps its system dialogs.
 */
import type { PrintSetup } from '../../shared/print';
import { desktop, desktopPrint, desktopSavePdf } from './shell';

export { desktop as canSavePdf };

export async function printPage(setup: PrintSetup): Promise<void> {
  if (desktop) await desktopPrint(setup);
  else window.print();
}

/** Desktop only: the browser's print dialog has 另存为PDF itself. */
export function savePdf(setup: PrintSetup, fileName: string): Promise<string | null> {
  return desktopSavePdf(setup, fileName);
}
