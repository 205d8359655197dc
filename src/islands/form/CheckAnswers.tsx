/** One answer on the check-your-answers page. */
export interface AnswerRow {
  /** The id of the control that changes this answer. */
  readonly targetId: string;
  /** The question, short. */
  readonly label: string;
  /** The answer in words; a list shows one item per line. */
  readonly value: string | readonly string[];
}

/**
 * GOV.UK "check answers": every answer in a summary list, each with a Change
 * link whose hidden text names the question ("Change  phone number"), so a
 * screen reader's list of links makes sense on its own.
 */
export function AnswerList(props: {
  readonly rows: readonly AnswerRow[];
  readonly changeText: string;
  readonly onChange: (targetId: string) => void;
}) {
  const { rows, changeText, onChange } = props;
  return (
    <dl className="summary-list">
      {rows.map((row) => (
        <div className="summary-row" key={row.targetId}>
          <dt className="summary-key">{row.label}</dt>
          <dd className="summary-value">
            {typeof row.value === 'string' ? (
              row.value
            ) : (
              <ul className="summary-values">
                {row.value.map((item) => <li key={item}>{item}</li>)}
              </ul>
            )}
          </dd>
          <dd className="summary-action">
            <a
              href={`#${row.targetId}`}
              onClick={(event) => {
                event.preventDefault();
                onChange(row.targetId);
              }}
            >
              {changeText}
              <span className="visually-hidden"> {row.label}</span>
            </a>
          </dd>
        </div>
      ))}
    </dl>
  );
}
