import {
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

/** One column of a {@link DataTable}: its header and how a row shows in it. */
export interface Column<R> {
  key: string;
  header: ReactNode;
  cell: (row: R) => ReactNode;
  /** The cell names its row for a screen reader (`<th scope="row">`). */
  rowHeader?: boolean;
  className?: (row: R) => string | undefined;
}

/**
 * A table of rows in its own focusable, labelled scroll region (so a phone scrolls the table, not the page, and a
 * keyboard can reach it), with column headers scoped for screen readers.
 */
export function DataTable<R>({
  label,
  rows,
  columns,
  rowKey,
  testId,
  rowTestId,
}: {
  label: string;
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey: (row: R) => string | number;
  testId?: string;
  rowTestId?: (row: R) => string;
}) {
  return (
    <TableContainer tabIndex={0} role="region" aria-label={label}>
      <Table data-testid={testId}>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHeaderCell scope="col" key={c.key}>
                {c.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={rowKey(row)} data-testid={rowTestId?.(row)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <TableHeaderCell scope="row" key={c.key} className={c.className?.(row)}>
                    {c.cell(row)}
                  </TableHeaderCell>
                ) : (
                  <TableCell key={c.key} className={c.className?.(row)}>
                    {c.cell(row)}
                  </TableCell>
                ),
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
