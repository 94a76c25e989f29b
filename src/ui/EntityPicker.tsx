/**
 * Choose an entity from the registry as you type (ARIA combobox with a listbox of matches), or create
 * a new one. Matching forgives case, accents, look-alike letters from other scripts and small typos
 * (model/entity.ts searchEntities). The visible label is the accessible name ("Entity", "Attributed to").
 */
import { searchEntities, type EntityRecord, type EntityType } from '../model/entity';
import { Combobox } from './Combobox';

interface Props {
  label: string;
  entities: readonly EntityRecord[];
  /** The entity chosen now, if any: shown when the field is idle. */
  value: EntityRecord | null;
  /** Text to search for when nothing is chosen yet (the mention's quote). */
  suggestion?: string;
  /** Only entities of these types are offered. */
  types?: readonly EntityType[];
  /** An entity not to offer (the one being merged). */
  excludeId?: string;
  onPick(entity: EntityRecord): void;
  /** Offer "Create <type> “text”" options, one per type in `createTypes`. */
  onCreate?(name: string, type: EntityType): void;
  createTypes?: readonly EntityType[];
  /** Shown under the field. */
  hint?: string;
}

type Option = { kind: 'pick'; entity: EntityRecord; matched: string } | { kind: 'create'; type: EntityType };

export function EntityPicker({ label, entities, value, suggestion, types, excludeId, onPick, onCreate, createTypes, hint }: Props) {
  const optionsFor = (text: string): Option[] => {
    const hits = searchEntities(entities, text, { types, limit: 12 }).filter((h) => h.entity.id !== excludeId);
    const out: Option[] = hits.map((h) => ({ kind: 'pick', entity: h.entity, matched: h.matched }));
    const exact = hits.some((h) => h.rank === 0);
    if (onCreate && text.trim() && !exact) for (const type of createTypes ?? []) out.push({ kind: 'create', type });
    return out;
  };
  return (
    <Combobox<Option>
      label={label}
      idleText={value ? value.name : (suggestion ?? '')}
      searchIdleText
      placeholder="Type a name"
      hint={hint}
      listLabel={`${label} suggestions`}
      optionsFor={optionsFor}
      optionKey={(o) => (o.kind === 'pick' ? o.entity.id : `create-${o.type}`)}
      optionClass={(o) => (o.kind === 'create' ? 'mg-picker-create' : undefined)}
      renderOption={(o, text) =>
        o.kind === 'pick' ? `${o.entity.name} (${o.entity.type})${o.matched !== o.entity.name ? ` — also “${o.matched}”` : ''}` : `Create ${o.type} “${text}”`
      }
      onChoose={(o, text) => (o.kind === 'pick' ? onPick(o.entity) : onCreate?.(text, o.type))}
    />
  );
}
