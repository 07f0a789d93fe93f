import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api';

/**
 * Unit names the store does not know: each becomes a new unit unless the user says it is another name of
 * an existing one (市发改委 = 市发展改革委); then the preview is made again with the alias in place.
 */
export function NewUnits({ names, onAliased }: { names: string[]; onAliased: () => void }) {
  const [units, setUnits] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api['directory.get']({}).then((d) => setUnits(d.units.map((u) => u.name)), () => undefined);
  }, []);
  return (
    <details className="new-units" open={names.length <= 6}>
      <summary>
        {names.length} 个新的责任单位名称将新建；如是已有单位的简称或别称，请在此指明
      </summary>
      {error && <p className="field-error">{error}</p>}
      <ul>
        {names.map((n) => (
          <li key={n}>
            <strong>{n}</strong>
            <select
              aria-label={`${n}是哪个单位`}
              defaultValue=""
              onChange={(e) => {
                if (!e.target.value) return;
                api['units.addAlias']({ unit: e.target.value, alias: n }).then(onAliased, (err: unknown) => setError(errorMessage(err)));
              }}
            >
              <option value="">作为新单位</option>
              {units.map((u) => (
                <option key={u} value={u}>
                  是“{u}”的简称
                </option>
              ))}
            </select>
          </li>
        ))}
      </ul>
    </details>
  );
}

