import type { Clock } from './job.service';

/** A clock that moves only when told: tests run days of jobs in milliseconds. */
export class FakeClock implements Clock {
  private current: Date;

  constructor(start: string | Date) {
    this.current = new Date(start);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: string | Date): Date {
    this.current = new Date(at);
    return this.now();
  }

  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }
}
