import type { CategoryService } from './category.service';

interface Waiting {
  resolve(hidden: boolean): void;
  reject(error: unknown): void;
}

/**
 * Per request: whether categories are hidden, for categories that other modules' reads built
 * from an id and a name (expenses, dashboards, targets). Every id asked for in one turn of the
 * event loop is read in one query, so a list of expenses costs one query, not one per row.
 */
export class HiddenLoader {
  private pending = new Map<number, Waiting[]>();
  private readonly known = new Map<number, boolean>();

  constructor(private readonly categories: Pick<CategoryService, 'hiddenByIds'>) {}

  load(id: number): Promise<boolean> {
    const known = this.known.get(id);
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) setImmediate(() => void this.flush());
      this.pending.set(id, [...(this.pending.get(id) ?? []), { resolve, reject }]);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      const hidden = await this.categories.hiddenByIds([...batch.keys()]);
      for (const [id, waiting] of batch) {
        const value = hidden.get(id) ?? false;
        this.known.set(id, value);
        for (const w of waiting) w.resolve(value);
      }
    } catch (error) {
      for (const waiting of batch.values()) for (const w of waiting) w.reject(error);
    }
  }
}
