import { Bool, FreeObject, Instant, InstantOrNull, Int, Nested, Text, Texts } from '../../common/api-schema';

/** One version of a playbook as the list shows it (without its definition). */
export class PlaybookVersionSummaryDto {
  @Int({ example: 2 }) version: number;
  @Text() title: string;
  @Instant() createdAt: string;
  @Text({ description: 'who stored it (`terugkeer` for the versions the code ships)' }) createdBy: string;
  @Bool({ description: 'a detention names this version: it can no longer change' }) used: boolean;
  @InstantOrNull({ description: 'when a detention first named it' }) usedAt: string | null;
  @Bool({ description: 'the version new intakes get (still chosen by the code)' }) forNewIntakes: boolean;
}

export class PlaybookSummaryDto {
  @Text({ example: 'default' }) id: string;
  @Text() title: string;
  @Nested([PlaybookVersionSummaryDto]) versions: PlaybookVersionSummaryDto[];
}

export class PlaybookListDto {
  @Nested([PlaybookSummaryDto]) items: PlaybookSummaryDto[];
}

/** One version with its whole definition (steps, offsets, conditions, SLAs, recipients, request types). */
export class PlaybookVersionDto extends PlaybookVersionSummaryDto {
  @Text({ example: 'default' }) id: string;
  @FreeObject({ description: 'the playbook definition, in the shape the POST takes' }) definition: object;
}

export class StepRefDto {
  @Text() id: string;
  @Text() title: string;
}

export class ChangedStepDto extends StepRefDto {
  @Texts({ description: 'the fields that differ, as dotted paths (e.g. `action.participants`)' }) fields: string[];
}

/** What changes from one version to another; a step is the same step when its id is the same. */
export class PlaybookDiffDto {
  @Text() id: string;
  @Int() from: number;
  @Int() to: number;
  @Nested([StepRefDto]) added: StepRefDto[];
  @Nested([StepRefDto]) removed: StepRefDto[];
  @Nested([ChangedStepDto]) changed: ChangedStepDto[];
  @Texts({ description: 'other fields that differ: `sla.…`, `shortStay.…`, `requestTypes.<type>.…`, `title`' })
  settings: string[];
}
