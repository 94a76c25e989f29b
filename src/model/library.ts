/** The records a library is made of, as one value: what exports write, imports read and merges compare. */
import type { Annotation } from './annotation';
import type { ClaimLinkRecord, EvidenceRecord } from './claim';
import type { DocumentRecord } from './document';
import type { EntityRecord } from './entity';
import type { HistoryEvent } from './history';

export interface LibraryRecords {
  documents: readonly DocumentRecord[];
  annotations: readonly Annotation[];
  entities: readonly EntityRecord[];
  evidence: readonly EvidenceRecord[];
  links: readonly ClaimLinkRecord[];
  events: readonly HistoryEvent[];
}
