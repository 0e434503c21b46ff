/**
 * Owns one ECharts instance's life: init, resize with its container, setOption, dispose.
 * Pages never call echarts.init themselves.
 */
import { echarts, type ECOption } from "./echarts.js";

export interface MountedChart {
  update(option: ECOption): void;
  /** PNG of the chart as a data URL (white background so it prints and pastes well). */
  toPng(): string;
  /** The instance, for tests (series data) and map registration. */
  readonly instance: echarts.ECharts;
  dispose(): void;
}

export function mountChart(el: HTMLElement, option: ECOption): MountedChart {
  const instance = echarts.init(el, undefined, { renderer: "canvas" });
  // notMerge: a new option replaces the old one completely, so series removed from the
  // selection do not linger from the previous render.
  instance.setOption(option, { notMerge: true });
  // Resize at most once per frame, and never a disposed chart or one whose container is hidden
  // or detached (ECharts' layout fails on a 0×0 box, e.g. while a page is being replaced).
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      if (
        instance.isDisposed() ||
        !el.isConnected ||
        el.clientWidth === 0 ||
        el.clientHeight === 0
      ) {
        return;
      }
      instance.resize();
    });
  });
  observer.observe(el);
  el.dataset.chartReady = "true";
  return {
    instance,
    update(next) {
      instance.setOption(next, { notMerge: true });
    },
    toPng() {
      return instance.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" });
    },
    dispose() {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
      delete el.dataset.chartReady;
    },
  };
}

/** Registers a GeoJSON map once (ECharts keeps a global registry keyed by name). */
export function registerMapOnce(name: string, geoJson: object): void {
  if (!echarts.getMap(name)) {
    echarts.registerMap(name, geoJson as Parameters<typeof echarts.registerMap>[1]);
  }
}
