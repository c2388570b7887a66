import { downloadMyData, downloadMyDataCsv } from '@khata/client';

/** The API's filename from `Content-Disposition`, or a sensible one. */
function filenameOf(response: Response | undefined, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response?.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/**
 * Downloads "my data" as a file: fetched with the session's token (a plain link could not send it), then handed to the
 * browser as a download under the API's filename.
 */
export async function downloadData(format: 'json' | 'csv'): Promise<string> {
  const call = format === 'json' ? downloadMyData : downloadMyDataCsv;
  const { data, error, response } = await call({ parseAs: 'blob' });
  if (error || !(data instanceof Blob)) throw error ?? new Error('download failed');
  const name = filenameOf(response, `khata-pay-data.${format}`);
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
