/**
 * PRINT (issue 19): what the page may ask the desktop's main process to print. The main process validates
 * the request with these schemas (electron/dialogs.ts) before it prints the window or saves it as a PDF;
 * the page names the paper and a file name to offer, never a path.
 */
import { z } from 'zod';

export const printSetupSchema = z.object({
  paper: z.enum(['A3', 'A4']),
  landscape: z.boolean(),
});
export type PrintSetup = z.infer<typeof printSetupSchema>;

/** A file name to offer in the save dialog: no folder, nothing Windows refuses in a name, ending .pdf. */
export const pdfFileNameSchema = z
  .string()
  .max(200, '文件名过长')
  .regex(/^[^\\/:*?"<>|\u0000-\u001f]+\.pdf$/i, '文件名无效');

/** The two print actions of the shell channel. */
export const printRequestSchemas = [
  printSetupSchema.extend({ action: z.literal('print') }).strict(),
  printSetupSchema.extend({ action: z.literal('print.pdf'), fileName: pdfFileNameSchema }).strict(),
] as const;
export type PrintRequest = z.infer<(typeof printRequestSchemas)[number]>;
