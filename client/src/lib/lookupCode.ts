/**
 * The 办件编码 the lookup page opens with: ?code= on H5 and from the receipt, or inside the scanned link
 * of a QR code (WeChat passes it as ?q=, Alipay as ?qrCode=, both URL-encoded).
 */
export function codeFromParams(params: Record<string, string | undefined>): string {
  if (params.code) return safeDecode(params.code).trim().toUpperCase();
  const link = params.q ?? params.qrCode;
  if (!link) return '';
  const match = /[?&]code=([A-Za-z0-9]+)/.exec(safeDecode(link));
  return match ? match[1].toUpperCase() : '';
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
