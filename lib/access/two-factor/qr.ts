// The enrolment QR code, drawn on the server as SVG (qrcode): no network, no script in the browser.
import QRCode from "qrcode";

/** A data: URL of the SVG (the CSP allows data: images), for an <img> with its alt text. */
export async function qrDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
}
