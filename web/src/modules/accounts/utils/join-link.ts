import { notify } from '../../../shared/ui/Notice';
import { copyText } from '../../../shared/ui/copy-text';

/** The link in a shop's QR code and share message: it opens the join page with the code filled in. */
export function joinLink(code: string): string {
  return `${window.location.origin}/join?code=${encodeURIComponent(code)}`;
}

/** The phone's share sheet where there is one (WhatsApp, SMS ...), else the link copied. */
export async function shareJoinLink(code: string, businessName: string) {
  const url = joinLink(code);
  if (typeof navigator.share === 'function') {
    try {
      await navigator.share({
        title: `Join ${businessName} on Khata Pay`,
        text: `Join ${businessName} on Khata Pay with code ${code}`,
        url,
      });
      return;
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
    }
  }
  notify((await copyText(url)) ? 'Link copied. Paste it in WhatsApp or SMS.' : `Could not copy. The link is ${url}`);
}
