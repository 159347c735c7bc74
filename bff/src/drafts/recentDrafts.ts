// The sealed text of drafts this process read or wrote last, by id and version, so that an autosave based
// on the version this process just answered does not read the draft back first (one database round trip
// of the two it costs). A version's content never changes — every write increments it, under a filter on
// the version it was based on — so an entry can be old but never wrong: the write itself still names the
// base version and the owner, and the database refuses it when either no longer holds. Ciphertext only:
// personal data stays encrypted here too. Bounded in bytes; the least recently used go first.

export interface RecentDraft {
  accountId: string;
  version: number;
  sealed: string;
}

export class RecentDrafts {
  private readonly entries = new Map<string, RecentDraft>();
  private bytes = 0;

  constructor(
    private readonly maxBytes = 16 * 1024 * 1024,
    /** Larger drafts (hundreds of hires) are not kept: they would push out many small ones. */
    private readonly maxEntryBytes = 512 * 1024,
  ) {}

  /** The sealed draft at exactly this version for this owner, or undefined. */
  get(id: string, accountId: string, version: number): string | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.accountId !== accountId || entry.version !== version) return undefined;
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.sealed;
  }

  set(id: string, entry: RecentDraft): void {
    this.delete(id);
    if (entry.sealed.length > this.maxEntryBytes) return;
    this.entries.set(id, entry);
    this.bytes += entry.sealed.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.sealed.length;
    }
  }

  delete(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.entries.delete(id);
    this.bytes -= entry.sealed.length;
  }
}
