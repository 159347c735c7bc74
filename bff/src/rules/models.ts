// Administered rules in the database: the official calendar years an administrator entered, the rule
// figures (one document per kind holding all its periods, so a change is one compare-and-set), their
// history, and one revision counter per rule set that every bff process checks before using its cache.
import { Schema, type Connection, type Model } from 'mongoose';

const dayEntry = new Schema({ date: { type: String, required: true }, name: String }, { _id: false });
const staffRef = new Schema({ id: String, role: String }, { _id: false });

const calendarYearSchema = new Schema(
  {
    _id: { type: Number, required: true },
    holidays: { type: [dayEntry], default: [] },
    workdays: { type: [dayEntry], default: [] },
    /** The notice the year was taken from, e.g. 国办发明电〔2026〕X号. */
    source: { type: String, required: true },
    enteredBy: staffRef,
    enteredAt: { type: Date, required: true },
    /** How often this year has been entered. */
    revision: { type: Number, required: true, default: 1 },
  },
  { versionKey: false },
);

export interface CalendarYearDoc {
  _id: number;
  holidays: { date: string; name?: string | null }[];
  workdays: { date: string; name?: string | null }[];
  source: string;
  enteredBy?: { id?: string | null; role?: string | null } | null;
  enteredAt: Date;
  revision: number;
}

const periodSchema = new Schema(
  {
    effectiveFrom: { type: String, required: true },
    effectiveTo: { type: String, default: null },
    value: { type: Schema.Types.Mixed, required: true },
    placeholder: { type: Boolean, required: true },
    source: { type: String, required: true },
  },
  { _id: false, minimize: false },
);

const figureSetSchema = new Schema(
  {
    _id: { type: String, required: true },
    revision: { type: Number, required: true },
    periods: { type: [periodSchema], default: [] },
    updatedAt: Date,
    updatedBy: staffRef,
  },
  { versionKey: false, minimize: false },
);

export interface FigurePeriodDoc {
  effectiveFrom: string;
  effectiveTo: string | null;
  value: unknown;
  placeholder: boolean;
  source: string;
}

export interface FigureSetDoc {
  _id: string;
  revision: number;
  periods: FigurePeriodDoc[];
  updatedAt?: Date;
  updatedBy?: { id?: string | null; role?: string | null } | null;
}

const figureRevisionSchema = new Schema(
  {
    kind: { type: String, required: true },
    revision: { type: Number, required: true },
    change: { type: String, required: true },
    effectiveFrom: String,
    periods: { type: [periodSchema], default: [] },
    by: staffRef,
    at: { type: Date, required: true },
  },
  { versionKey: false, minimize: false },
);
figureRevisionSchema.index({ kind: 1, revision: -1 }, { unique: true });

export type FigureRevisionDoc = Omit<FigureSetDoc, '_id' | 'updatedAt' | 'updatedBy'> & {
  kind: string;
  change: string;
  effectiveFrom?: string | null;
  by?: { id?: string | null; role?: string | null } | null;
  at: Date;
};

const ruleStateSchema = new Schema(
  { _id: { type: String, required: true }, revision: { type: Number, required: true, default: 0 } },
  { versionKey: false },
);

export interface RuleStateDoc {
  _id: string;
  revision: number;
}

export interface RuleModels {
  CalendarYear: Model<CalendarYearDoc>;
  FigureSet: Model<FigureSetDoc>;
  FigureRevision: Model<FigureRevisionDoc>;
  RuleState: Model<RuleStateDoc>;
}

export function ruleModels(db: Connection): RuleModels {
  return {
    CalendarYear: db.model<CalendarYearDoc>('CalendarYear', calendarYearSchema, 'calendar_years'),
    FigureSet: db.model<FigureSetDoc>('RuleFigureSet', figureSetSchema, 'rule_figures'),
    FigureRevision: db.model<FigureRevisionDoc>(
      'RuleFigureRevision',
      figureRevisionSchema,
      'rule_figure_revisions',
    ),
    RuleState: db.model<RuleStateDoc>('RuleState', ruleStateSchema, 'rule_state'),
  };
}
