/**
 * A chart PNG that carries its context: the chart image drawn onto a larger canvas with the
 * title, unit of measure and years above it, the source line and export date below it, and a
 * large diagonal "DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA" across it whenever an illustrative value
 * is drawn, so the mark cannot be lost when the image is pasted elsewhere.
 */

export interface PngContext {
  title: string;
  /** e.g. 'Đơn vị đo: % · 2016–2025'. */
  subtitle?: string;
  /** Source lines (one per source), printed under the chart. */
  sources: string[];
  /** e.g. 'Xuất ngày 30/11/2026 · OSH Observatory'. */
  footer: string;
  illustrative: boolean;
}

export const WATERMARK = "DỮ LIỆU MINH HỌA / ILLUSTRATIVE DATA";
/** The watermark's colour (test hook: pixels of this hue mark the watermark). */
export const WATERMARK_RGBA = "rgba(200, 0, 0, 0.22)";

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error("chart image could not be read"));
    img.src = src;
  });
}

/** Splits text into lines that fit `width` at the context's current font. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** Composes the PNG (a data URL) from the chart's own PNG (drawn at `scale` pixels per px). */
export async function composeChartPng(
  chartPng: string,
  context: PngContext,
  scale = 2,
): Promise<string> {
  const chart = await loadImage(chartPng);
  const pad = 16 * scale;
  const width = chart.width;
  const measure = document.createElement("canvas").getContext("2d")!;
  const titleFont = `bold ${18 * scale}px system-ui, sans-serif`;
  const textFont = `${12 * scale}px system-ui, sans-serif`;
  measure.font = titleFont;
  const titleLines = wrap(measure, context.title, width - 2 * pad);
  measure.font = textFont;
  const subtitleLines = context.subtitle ? wrap(measure, context.subtitle, width - 2 * pad) : [];
  const footLines = [...context.sources, context.footer].flatMap(l =>
    wrap(measure, l, width - 2 * pad),
  );
  if (context.illustrative) footLines.unshift(WATERMARK);
  const titleH = titleLines.length * 24 * scale;
  const subH = subtitleLines.length * 17 * scale;
  const top = pad + titleH + subH + 6 * scale;
  const footH = footLines.length * 17 * scale + pad;
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = top + chart.height + footH;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = "#111111";
  ctx.textBaseline = "top";
  ctx.font = titleFont;
  titleLines.forEach((l, i) => ctx.fillText(l, pad, pad + i * 24 * scale));
  ctx.font = textFont;
  ctx.fillStyle = "#444444";
  subtitleLines.forEach((l, i) => ctx.fillText(l, pad, pad + titleH + i * 17 * scale));
  ctx.drawImage(chart, 0, top);
  footLines.forEach((l, i) => {
    ctx.fillStyle = context.illustrative && i === 0 ? "#b00000" : "#444444";
    ctx.fillText(l, pad, top + chart.height + 6 * scale + i * 17 * scale);
  });
  if (context.illustrative) drawWatermark(ctx, canvas.width, canvas.height);
  return canvas.toDataURL("image/png");
}

function drawWatermark(ctx: CanvasRenderingContext2D, width: number, height: number): void {
  ctx.save();
  ctx.translate(width / 2, height / 2);
  const angle = -Math.atan2(height, width);
  ctx.rotate(angle);
  const diagonal = Math.hypot(width, height);
  // As large as fits along the diagonal.
  let size = 200;
  ctx.font = `bold ${size}px system-ui, sans-serif`;
  size = Math.floor((size * diagonal * 0.85) / ctx.measureText(WATERMARK).width);
  ctx.font = `bold ${size}px system-ui, sans-serif`;
  ctx.fillStyle = WATERMARK_RGBA;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(WATERMARK, 0, 0);
  ctx.restore();
}
