import type { Metadata } from 'next';
import Link from 'next/link';
import { FileUp, ShieldOff } from 'lucide-react';
import { can } from '@/lib/auth/actor';
import { borrowedBurnDown, listBorrowedCases } from '@/lib/borrowed/list';
import { compactParams } from '@/lib/inventory/schemas';
import { buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { InvalidFilters, listingOrInvalid } from '@/components/inventory/invalid-filters';
import { NoMatch } from '@/components/inventory/no-match';
import { daysWithHistory } from '@/components/borrowed/burn-down';
import { BurnDownChart } from '@/components/borrowed/burn-down-chart';
import { CaseFilters, narrowsCases, type CaseListParams } from '@/components/borrowed/case-filters';
import { CaseTable } from '@/components/borrowed/case-table';
import { CursorPager } from '@/components/ui/cursor-pager';
import { listHref } from '@/components/inventory/list-href';
import { NoCasesYet } from '@/components/borrowed/no-cases-yet';
import { requireCaseReader } from './reader';

export const metadata: Metadata = { title: 'Borrowed credentials' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const BASE_PATH = '/borrowed';
const BURN_DOWN_DAYS = 90;
const BURN_DOWN_MIN_DAYS = 14;
const LIST_PARAMS = ['q', 'status', 'confidence', 'include', 'cursor'] as const;

/** The filters as the page shows them: a repeated parameter reads as its first value here, and is refused by the list. */
function shownParams(raw: Awaited<SearchParams>): CaseListParams {
  const first = (name: keyof CaseListParams) => {
    const value = raw[name];
    return (Array.isArray(value) ? value[0] : value) ?? '';
  };
  return { q: first('q'), status: first('status'), confidence: first('confidence'), include: first('include') };
}

export default async function BorrowedPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireCaseReader();
  const raw = await searchParams;
  const query = Object.fromEntries(
    LIST_PARAMS.filter((name) => raw[name] !== undefined).map((name) => [name, raw[name]]),
  );
  const [listing, burnDown] = await Promise.all([
    listingOrInvalid(listBorrowedCases(actor, query)),
    borrowedBurnDown(actor, BURN_DOWN_DAYS),
  ]);
  const params = shownParams(raw);
  const mayImport = can(actor, 'events.import');
  const readsAll = can(actor, 'borrowed.read');
  const history = daysWithHistory(burnDown, BURN_DOWN_MIN_DAYS);
  // Nothing to filter yet: the list explains where cases come from instead.
  const firstVisit = listing.ok && listing.value.cases.length === 0 && !narrowsCases(params) && !raw.cursor;
  return (
    <>
      <PageHeader
        title="Borrowed credentials"
        description={
          readsAll
            ? 'Agents and scripts that act with a person’s key, token, password or session, found in imported audit logs. Move each agent onto credentials of its own, then revoke or rotate the person’s.'
            : 'The identities you sponsor that act with a person’s key, token, password or session, as imported audit logs show. The security team moves them onto credentials of their own.'
        }
        actions={
          <>
            {readsAll ? (
              <Link href="/borrowed/suppressions" className={buttonClasses('secondary')}>
                <ShieldOff className="size-4" aria-hidden />
                Suppressions
              </Link>
            ) : null}
            {mayImport ? (
              <Link href="/borrowed/import" className={buttonClasses('primary')}>
                <FileUp className="size-4" aria-hidden />
                Import logs
              </Link>
            ) : null}
          </>
        }
      />
      {history.length > 0 ? (
        <Card className="mb-6">
          <CardHeader
            title="Burn-down"
            description={`Flagged cases still open at the end of each day, and those resolved that day, over at most the last ${BURN_DOWN_DAYS} days.`}
          />
          <div className="p-4">
            <BurnDownChart data={history} />
          </div>
        </Card>
      ) : null}
      <Card>
        {listing.ok ? (
          firstVisit ? null : (
            <CaseFilters params={params} basePath={BASE_PATH} />
          )
        ) : (
          <InvalidFilters fields={listing.fields} clearHref={BASE_PATH} />
        )}
        {!listing.ok ? null : listing.value.cases.length > 0 ? (
          <>
            <CaseTable cases={listing.value.cases} now={new Date()} />
            <CursorPager
              noun={['case', 'cases']}
              shown={listing.value.cases.length}
              newestHref={raw.cursor ? listHref(BASE_PATH, compactParams(params)) : null}
              olderHref={
                listing.value.nextCursor
                  ? listHref(BASE_PATH, { ...compactParams(params), cursor: listing.value.nextCursor })
                  : null
              }
            />
          </>
        ) : narrowsCases(params) || raw.cursor ? (
          <NoMatch title="No case matches these filters" clearHref={BASE_PATH}>
            Try other filters, or clear them to see every flagged case.
          </NoMatch>
        ) : (
          <NoCasesYet mayImport={mayImport} />
        )}
      </Card>
    </>
  );
}
