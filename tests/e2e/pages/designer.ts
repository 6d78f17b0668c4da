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
    const boxes = async () => [await this.handle(from, 'source').boundingBox(), await this.handle(to, 'target').boundingBox()];
    let last = '';
    await expect
      .poll(async () => {
        const now = JSON.stringify(await boxes());
        const settled = now === last;
        last = now;
        return settled;
      }, { intervals: [100] })
      .toBe(true);
    const [a, b] = await boxes();
    expect(a && b, 'both handles are on screen').toBeTruthy();
    await this.page.mouse.move(a!.x + a!.width / 2, a!.y + a!.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(b!.x + b!.width / 2, b!.y + b!.height / 2, { steps: 12 });
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
