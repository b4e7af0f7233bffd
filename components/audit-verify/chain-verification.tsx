'use client';

import { useCallback, useState } from 'react';
import Link from 'next/link';
import { ShieldAlert, ShieldCheck } from 'lucide-react';
import type { VerificationResult } from '@/lib/audit/chain';
import { auditHref } from '@/lib/audit/explorer-filters';
import { Button } from '@/components/ui/button';

type State =
  | { phase: 'idle' }
  | { phase: 'running'; checked: number; total: number }
  | { phase: 'done'; result: VerificationResult; seconds: number }
  | { phase: 'failed'; message: string };

type Line =
  | { type: 'progress'; checked: number; total: number }
  | ({ type: 'result' } & VerificationResult)
  | { type: 'error'; message: string };

const number = new Intl.NumberFormat('en-US');

function utc(iso: string): string {
  return `${iso.replace('T', ' ').slice(0, 19)} UTC`;
}

/** Reads the NDJSON lines of the progress stream as they arrive. */
async function* lines(response: Response): AsyncGenerator<Line> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) if (part.trim()) yield JSON.parse(part) as Line;
  }
  if (buffered.trim()) yield JSON.parse(buffered) as Line;
}

async function refusal(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

function Progress({ checked, total }: { checked: number; total: number }) {
  const percent = total > 0 ? Math.min(100, Math.round((checked / total) * 100)) : 0;
  return (
    <div className="space-y-2">
      <div
        role="progressbar"
        aria-label="Verification progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full bg-brand-600 transition-[width]" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm text-slate-600 tabular-nums">
        {number.format(checked)} of {number.format(total)} events checked ({percent}%)
      </p>
    </div>
  );
}

function CheckpointLine({ result }: { result: VerificationResult }) {
  const { checkpoint } = result;
  if (!checkpoint) {
    return (
      <p className="text-sm text-slate-600">
        No signed checkpoint yet: the chain was checked against itself only, so a rewrite of the whole table with
        recomputed hashes would not show.
      </p>
    );
  }
  const where = `signed checkpoint at seq ${number.format(checkpoint.seq)} (${utc(checkpoint.signedAt)}, key ${checkpoint.keyId.slice(0, 16)}…)`;
  return checkpoint.ok ? (
    <p className="text-sm text-slate-700">Matches the {where}: its signature holds under this server&apos;s key.</p>
  ) : (
    <p className="text-sm text-red-800">
      The {where} fails: {checkpoint.problem}.
    </p>
  );
}

function Outcome({ result, seconds }: { result: VerificationResult; seconds: number }) {
  if (result.ok) {
    return (
      <div className="space-y-2">
        <p className="flex items-center gap-2 text-base font-semibold text-emerald-800">
          <ShieldCheck className="size-5" aria-hidden />
          Intact up to seq {number.format(result.checked)}
        </p>
        <CheckpointLine result={result} />
        <p className="text-xs text-slate-500 tabular-nums">
          {number.format(result.checked)} events recomputed in {seconds.toFixed(1)} s.
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <p className="flex items-center gap-2 text-base font-semibold text-red-800">
        <ShieldAlert className="size-5" aria-hidden />
        {result.firstBrokenSeq !== undefined
          ? `First broken at seq ${number.format(result.firstBrokenSeq)}`
          : 'The chain does not verify'}
      </p>
      {result.problem ? <p className="text-sm text-slate-800">{result.problem}.</p> : null}
      {result.firstBrokenSeq !== undefined ? (
        <p className="text-sm text-slate-600">
          Events up to seq {number.format(result.checked)} verified.{' '}
          <Link href={auditHref({ seq: result.firstBrokenSeq })} className="font-medium text-brand-700 underline">
            Open seq {number.format(result.firstBrokenSeq)} in the audit trail
          </Link>
        </p>
      ) : null}
      <CheckpointLine result={result} />
    </div>
  );
}

/** Starts a verification on demand and follows it to its verdict. */
export function ChainVerification() {
  const [state, setState] = useState<State>({ phase: 'idle' });

  const verify = useCallback(async () => {
    setState({ phase: 'running', checked: 0, total: 0 });
    const started = performance.now();
    try {
      const response = await fetch('/api/audit/verify-progress', { cache: 'no-store' });
      if (!response.ok) {
        setState({ phase: 'failed', message: await refusal(response) });
        return;
      }
      for await (const line of lines(response)) {
        if (line.type === 'progress') setState({ phase: 'running', checked: line.checked, total: line.total });
        else if (line.type === 'error') setState({ phase: 'failed', message: line.message });
        else {
          const { type: _type, ...result } = line;
          setState({ phase: 'done', result, seconds: (performance.now() - started) / 1000 });
        }
      }
    } catch {
      setState({ phase: 'failed', message: 'The connection to the server was lost before the verification ended.' });
    }
  }, []);

  const running = state.phase === 'running';
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={verify} disabled={running}>
          {running ? 'Verifying…' : state.phase === 'idle' ? 'Verify the chain now' : 'Verify again'}
        </Button>
        <p className="text-sm text-slate-500">
          Recomputes every hash from the first event to the head and checks the newest signed checkpoint. Reading only:
          nothing is changed.
        </p>
      </div>
      <div aria-live="polite" className="min-h-6">
        {state.phase === 'running' ? <Progress checked={state.checked} total={state.total} /> : null}
        {state.phase === 'done' ? <Outcome result={state.result} seconds={state.seconds} /> : null}
        {state.phase === 'failed' ? (
          <p role="alert" className="text-sm text-red-700">
            {state.message}
          </p>
        ) : null}
      </div>
    </div>
  );
}
