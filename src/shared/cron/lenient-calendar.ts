import { instantOfWall, wallFieldsAt, wallMillis, type WallFields } from '../time/zone';

type Field = keyof WallFields;

/**
 * The part of `java.util.GregorianCalendar` that Quartz's search relies on: fields may be set
 * out of range, and the next read resolves them leniently (day 32 is the 1st of the next month,
 * hour 24 the next day) into an instant of the zone, resolving gaps and overlaps as Java does
 * ({@link instantOfWall}), then reads every field back from that instant. Months are 1-12 here.
 */
export class LenientCalendar {
  private fields: WallFields;
  private instant: number;
  private pending = false;

  constructor(
    private readonly zone: string,
    instant: number,
  ) {
    this.instant = instant;
    this.fields = wallFieldsAt(instant, zone);
  }

  set(field: Field, value: number): void {
    this.fields[field] = value;
    this.pending = true;
  }

  get(field: Field): number {
    this.resolve();
    return this.fields[field];
  }

  /** 1 = Sunday ... 7 = Saturday, as `Calendar.DAY_OF_WEEK`. */
  dayOfWeek(): number {
    this.resolve();
    const f = this.fields;
    return new Date(wallMillis({ ...f, hour: 0, minute: 0, second: 0, millisecond: 0 })).getUTCDay() + 1;
  }

  time(): number {
    this.resolve();
    return this.instant;
  }

  /** `add(Calendar.YEAR, n)`: the day is pinned to the new month's length (29 Feb -> 28 Feb). */
  addYears(n: number): void {
    this.resolve();
    this.fields.year += n;
    const last = daysInMonth(this.fields.month, this.fields.year);
    if (this.fields.day > last) this.fields.day = last;
    this.pending = true;
  }

  private resolve(): void {
    if (!this.pending) return;
    this.instant = instantOfWall(wallMillis(this.fields), this.zone);
    this.fields = wallFieldsAt(this.instant, this.zone);
    this.pending = false;
  }
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(month: number, year: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}
