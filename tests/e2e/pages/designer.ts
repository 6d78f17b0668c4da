import { expect, type Locator, type Page } from '@playwright/test';

/** The workflow designer of the active tab, through data-testid selectors. */
export class DesignerPage {
  constructor(readonly page: Page) {}

  root(): Locator {
    return this.page.getByTestId('designer');
  }

  /** Waits until the designer has laid out and framed the graph (it is inert before). */
  async waitReady(): Promise<void> {
    await expect(this.root()).toHaveAttribute('data-ready', 'true');
  }

  canvas(): Locator {
    return this.page.getByTestId('designer-canvas');
  }

  nodes(): Locator {
    return this.page.getByTestId('designer-node');
  }

  node(name: string): Locator {
    return this.page.locator(`[data-testid="designer-node"][data-name="${name}"]`);
  }

  /** Relations, by their True/False label. */
  edges(): Locator {
    return this.page.getByTestId('designer-edge');
  }

  edge(from: string, to: string): Locator {
    return this.page.locator(`[data-testid="designer-edge"][data-from="${from}"][data-to="${to}"]`);
  }

  paletteItem(type: string): Locator {
    return this.page.locator(`[data-testid="palette-item"][data-type="${type}"]`);
  }

  /** Drags a palette item onto the canvas at a point relative to the canvas' top-left corner. */
  async dropFromPalette(type: string, at: { x: number; y: number }): Promise<void> {
    await this.paletteItem(type).dragTo(this.canvas(), { targetPosition: at });
  }

  private handle(name: string, kind: 'source' | 'target'): Locator {
    return this.node(name).locator(`.react-flow__handle.${kind}`);
  }

  /** Drags from `from`'s output handle to `to`'s input handle, once the view has settled (a fit animates for 200 ms). */
  async connect(from: string, to: string): Promise<void> {
    await this.bringIntoReach([this.handle(from, 'source'), this.handle(to, 'target')]);
    const [a, b] = await this.settledBoxes([this.handle(from, 'source'), this.handle(to, 'target')]);
    await this.page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await this.page.mouse.up();
  }

  /** The boxes of `targets` once two reads 100 ms apart agree. */
  private async settledBoxes(
    targets: Locator[],
  ): Promise<{ x: number; y: number; width: number; height: number }[]> {
    const read = async () => Promise.all(targets.map((t) => t.boundingBox()));
    let last = '';
    await expect
      .poll(
        async () => {
          const now = JSON.stringify(await read());
          const settled = now === last;
          last = now;
          return settled;
        },
        { intervals: [100] },
      )
      .toBe(true);
    const boxes = await read();
    expect(
      boxes.every((box) => box !== null),
      'the handles are rendered',
    ).toBe(true);
    return boxes as { x: number; y: number; width: number; height: number }[];
  }

  /**
   * As a user would, zooms out (while `targets` cannot all fit) and pans the canvas (dragging an empty
   * spot) until they sit clear of its edges: a connect drag that starts within xyflow's 40 px auto-pan
   * band moves the canvas under the pointer.
   */
  private async bringIntoReach(targets: Locator[]): Promise<void> {
    const CLEAR = 48;
    const pane = (await this.page.locator('[data-testid="designer"] .react-flow').first().boundingBox())!;
    let boxes = await this.settledBoxes(targets);
    const spans = () => ({
      x: Math.max(...boxes.map((b) => b.x + b.width)) - Math.min(...boxes.map((b) => b.x)),
      y: Math.max(...boxes.map((b) => b.y + b.height)) - Math.min(...boxes.map((b) => b.y)),
    });
    for (
      let i = 0;
      i < 4 && (spans().x > pane.width - 2 * CLEAR || spans().y > pane.height - 2 * CLEAR);
      i++
    ) {
      await this.page.locator('[data-testid="designer"] .react-flow__controls-zoomout').click();
      boxes = await this.settledBoxes(targets);
    }
    const shift = (lo: number[], hi: number[], start: number, size: number): number => {
      const over = Math.max(...hi) - (start + size - CLEAR);
      const under = start + CLEAR - Math.min(...lo);
      return over > 0 ? -over : under > 0 ? under : 0;
    };
    const dx = shift(
      boxes.map((b) => b.x),
      boxes.map((b) => b.x + b.width),
      pane.x,
      pane.width,
    );
    const dy = shift(
      boxes.map((b) => b.y),
      boxes.map((b) => b.y + b.height),
      pane.y,
      pane.height,
    );
    if (dx === 0 && dy === 0) return;
    const spot = await this.page
      .locator('[data-testid="designer"] .react-flow__pane')
      .first()
      .evaluate(
        (pane, move) => {
          const document = pane.ownerDocument;
          const r = pane.getBoundingClientRect();
          const inside = (px: number, py: number) =>
            px > r.left + 8 && px < r.right - 8 && py > r.top + 8 && py < r.bottom - 8;
          for (let y = r.top + 24; y < r.bottom - 24; y += 16) {
            for (let x = r.left + 24; x < r.right - 24; x += 16) {
              if (document.elementFromPoint(x, y) === pane && inside(x + move.dx, y + move.dy))
                return { x, y };
            }
          }
          return null;
        },
        { dx, dy },
      );
    expect(spot, 'an empty spot of the canvas to pan with').not.toBeNull();
    await this.page.mouse.move(spot!.x, spot!.y);
    await this.page.mouse.down();
    await this.page.mouse.move(spot!.x + dx, spot!.y + dy, { steps: 8 });
    await this.page.mouse.up();
  }

  /** Clicks an empty spot of the canvas so keyboard shortcuts go to it. */
  async focusCanvas(): Promise<void> {
    await expect(async () => {
      const box = (await this.canvas().boundingBox())!;
      await this.page.mouse.click(box.x + box.width / 2, box.y + 20);
      await expect(this.canvas()).toBeFocused({ timeout: 500 });
    }).toPass();
  }

  toolbar(name: string): Locator {
    return this.page.getByTestId(`designer-toolbar-${name}`);
  }

  properties(): Locator {
    return this.page.getByTestId('properties-panel');
  }
}
