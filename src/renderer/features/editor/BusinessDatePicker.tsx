import { useStore } from '../../app/store';
import { businessDateStore, setBusinessDate } from './business-date-store';

/** Status bar item: the business date `${cal_dt}` hovers and completions are computed for. */
export function BusinessDatePicker() {
  const date = useStore(businessDateStore, (s) => s);
  return (
    <label
      className="status-item status-business-date"
      title="Business date for ${...} values (${cal_dt})"
      data-testid="status-business-date"
    >
      <span className="status-business-date-label">cal_dt</span>
      <input
        type="date"
        value={date}
        aria-label="Business date"
        required
        onChange={(e) => setBusinessDate(e.target.value)}
      />
    </label>
  );
}
