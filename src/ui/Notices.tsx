/** The status line (polite) and error alerts (assertive, dismissable). */
import { dismiss, useNotices } from './notices';

export function Notices() {
  const notices = useNotices();
  const status = notices.find((n) => n.kind === 'status');
  const errors = notices.filter((n) => n.kind === 'error');
  return (
    <div className="mg-notices">
      <p className="mg-status-line" role="status" aria-live="polite">
        {status?.text ?? ''}
      </p>
      {errors.map((n) => (
        <div key={n.id} className="mg-error" role="alert">
          <span>{n.text}</span>
          <button type="button" className="mg-quiet" aria-label="Dismiss message" onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
