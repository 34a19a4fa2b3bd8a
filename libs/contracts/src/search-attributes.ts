import { defineSearchAttributeKey, SearchAttributeType, type SearchAttributeUpdatePair } from '@temporalio/common';

/**
 * Search attributes of a detention workflow. Only non-personal keys: codes of the prison and the responsible
 * municipality, the phase, and the expected release date — never names, BSNs or other personal data.
 */
export const PRISON_SEARCH_ATTRIBUTE = defineSearchAttributeKey('TerugkeerPrison', SearchAttributeType.KEYWORD);
export const MUNICIPALITY_SEARCH_ATTRIBUTE = defineSearchAttributeKey(
  'TerugkeerMunicipality',
  SearchAttributeType.KEYWORD,
);
export const PHASE_SEARCH_ATTRIBUTE = defineSearchAttributeKey('TerugkeerPhase', SearchAttributeType.KEYWORD);
export const EXPECTED_RELEASE_SEARCH_ATTRIBUTE = defineSearchAttributeKey(
  'TerugkeerExpectedRelease',
  SearchAttributeType.DATETIME,
);

export const SEARCH_ATTRIBUTES = [
  PRISON_SEARCH_ATTRIBUTE,
  MUNICIPALITY_SEARCH_ATTRIBUTE,
  PHASE_SEARCH_ATTRIBUTE,
  EXPECTED_RELEASE_SEARCH_ATTRIBUTE,
] as const;

/** The values of a detention's search attributes; an unknown expected release date clears that attribute. */
export function detentionSearchAttributes(facts: {
  prison: string;
  municipality: string;
  phase: string;
  expectedReleaseDate: string | null;
}): SearchAttributeUpdatePair[] {
  return [
    { key: PRISON_SEARCH_ATTRIBUTE, value: facts.prison },
    { key: MUNICIPALITY_SEARCH_ATTRIBUTE, value: facts.municipality },
    { key: PHASE_SEARCH_ATTRIBUTE, value: facts.phase },
    {
      key: EXPECTED_RELEASE_SEARCH_ATTRIBUTE,
      value: facts.expectedReleaseDate ? new Date(`${facts.expectedReleaseDate}T00:00:00Z`) : null,
    },
  ];
}

const CLI_TYPES: Record<string, string> = {
  [SearchAttributeType.KEYWORD]: 'Keyword',
  [SearchAttributeType.DATETIME]: 'Datetime',
};

/** `--search-attribute Name=Type` flags registering them on `temporal server start-dev`. */
export function searchAttributeFlags(): string[] {
  return SEARCH_ATTRIBUTES.flatMap((key) => ['--search-attribute', `${key.name}=${CLI_TYPES[key.type]}`]);
}

/** Indexed value types of the Temporal operator API (temporal.api.enums.v1.IndexedValueType). */
const INDEXED_VALUE_TYPES: Record<string, number> = {
  [SearchAttributeType.KEYWORD]: 2,
  [SearchAttributeType.DATETIME]: 6,
};

/** The `searchAttributes` map for OperatorService.AddSearchAttributes (clusters and the test server). */
export function searchAttributeRegistrations(): Record<string, number> {
  return Object.fromEntries(SEARCH_ATTRIBUTES.map((key) => [key.name, INDEXED_VALUE_TYPES[key.type]]));
}
