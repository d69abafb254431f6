/** An SVG produced by the API (QR codes from the `qrcode` library) shown as an image — never as HTML. */
export function SvgImage({ svg, size = 160, alt, testId }: { svg: string; size?: number; alt: string; testId?: string }) {
  const src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
  return <img src={src} width={size} height={size} alt={alt} data-testid={testId} style={{ imageRendering: "pixelated" }} />;
}
