/** How a screen's last action ended: its error (announced at once) or what it did (announced politely). */
export function Outcome({ error, message }: { error: string | null; message: string | null }) {
  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {message && (
        <p className="muted" role="status">
          {message}
        </p>
      )}
    </>
  );
}
