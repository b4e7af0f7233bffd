'use client';

import { useRef, useState, type FormEvent } from 'react';
import Link from 'next/link';
import { CircleAlert, CircleCheck } from 'lucide-react';
import { toast } from 'sonner';
import type { IngestFormat } from '@/lib/ingest/types';
import { Button, buttonClasses } from '@/components/ui/button';
import { Card, CardHeader } from '@/components/ui/card';
import { cn } from '@/components/ui/cn';
import { Field } from '@/components/ui/field';
import type { LogFormat } from './log-formats';
import { REJECTED_SHOWN } from './upload-limit';
import type { UploadAnswer, UploadError } from './upload-types';

const numberFormat = new Intl.NumberFormat('en-US');

type Progress =
  | { stage: 'idle' }
  | { stage: 'sending'; sent: number; total: number }
  | { stage: 'importing' }
  | { stage: 'done'; fileName: string; answer: UploadAnswer }
  | { stage: 'failed'; message: string };

const fileInputClasses =
  'block w-full rounded-md text-sm text-slate-700 ring-1 ring-slate-300 ring-inset file:mr-3 file:cursor-pointer file:border-0 file:border-r file:border-slate-300 file:bg-slate-50 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-100';

function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
}

function failureOf(request: XMLHttpRequest): string {
  try {
    const body = JSON.parse(request.responseText) as Partial<UploadError>;
    if (body.error?.message) return body.error.message;
  } catch {
    // Not Steward's JSON: a sign-in page after a session ended, or a proxy's own page.
  }
  if (request.responseURL.includes('/signin')) return 'Your session has ended. Sign in again, then upload the file.';
  return 'The upload did not reach Steward, or Steward could not answer. Nothing was imported; try again.';
}

/** Sends the file as it is (gzip included) and reports how much of it has left the browser. */
function send(
  url: string,
  file: File,
  onProgress: (progress: Progress) => void,
): Promise<{ ok: true; answer: UploadAnswer } | { ok: false; message: string }> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.upload.onprogress = (event) => {
      const total = event.lengthComputable ? event.total : file.size;
      onProgress(event.loaded >= total ? { stage: 'importing' } : { stage: 'sending', sent: event.loaded, total });
    };
    request.upload.onload = () => onProgress({ stage: 'importing' });
    request.onload = () => {
      if (request.status === 200) {
        try {
          resolve({ ok: true, answer: JSON.parse(request.responseText) as UploadAnswer });
          return;
        } catch {
          // Falls through to the failure below.
        }
      }
      resolve({ ok: false, message: failureOf(request) });
    };
    request.onerror = () =>
      resolve({ ok: false, message: 'The connection dropped during the upload. Nothing was imported; try again.' });
    request.send(file);
  });
}

function FormatPicker({
  formats,
  value,
  onChange,
}: {
  formats: LogFormat[];
  value: IngestFormat;
  onChange: (format: IngestFormat) => void;
}) {
  return (
    <fieldset>
      <legend className="mb-2 block text-sm font-medium text-slate-700">Log format</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {formats.map((format) => {
          const checked = value === format.format;
          return (
            <label
              key={format.format}
              className={cn(
                'flex cursor-pointer gap-3 rounded-lg p-3 ring-inset',
                checked ? 'bg-brand-50/60 ring-2 ring-brand-500' : 'ring-1 ring-slate-300 hover:bg-slate-50',
              )}
            >
              <input
                type="radio"
                name="format"
                value={format.format}
                checked={checked}
                onChange={() => onChange(format.format)}
                className="mt-0.5 size-4 shrink-0 accent-brand-600"
              />
              <span className="min-w-0">
                <span className="block text-sm font-medium text-slate-900">{format.label}</span>
                <span className="mt-0.5 block text-xs break-words text-slate-500">{format.description}</span>
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}

function ProgressBar({ progress }: { progress: Progress }) {
  if (progress.stage !== 'sending' && progress.stage !== 'importing') return null;
  const percent = progress.stage === 'sending' ? Math.floor((progress.sent / Math.max(1, progress.total)) * 100) : 100;
  return (
    <div className="space-y-1.5" role="status" aria-live="polite">
      <div
        className="h-2 overflow-hidden rounded-full bg-slate-100"
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div
          className={cn(
            'h-full rounded-full bg-brand-600 transition-[width]',
            progress.stage === 'importing' && 'animate-pulse',
          )}
          style={{ width: `${percent}%` }}
        />
      </div>
      <p className="text-sm text-slate-600">
        {progress.stage === 'sending'
          ? `Uploading: ${percent}% of ${fileSize(progress.total)}`
          : 'Uploaded. Reading the records, chaining them into the audit trail and looking for borrowed credentials…'}
      </p>
    </div>
  );
}

function Figure({ value, label, tone }: { value: number; label: string; tone: 'good' | 'plain' | 'bad' }) {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-3 ring-1 ring-slate-100">
      <dd
        className={cn(
          'text-2xl font-semibold tabular-nums',
          tone === 'good' ? 'text-emerald-700' : tone === 'bad' ? 'text-red-700' : 'text-slate-900',
        )}
      >
        {numberFormat.format(value)}
      </dd>
      <dt className="text-sm text-slate-600">{label}</dt>
    </div>
  );
}

/** The same summary as the API's: accepted, duplicates, and each rejected line with its reason. */
export function ImportSummaryPanel({ fileName, answer }: { fileName: string; answer: UploadAnswer }) {
  const clean = answer.rejectedCount === 0;
  return (
    <Card>
      <div className="flex flex-wrap items-start gap-4 p-5">
        <span
          className={cn(
            'flex size-9 shrink-0 items-center justify-center rounded-full',
            clean ? 'bg-emerald-50 text-emerald-700' : 'bg-amber-50 text-amber-700',
          )}
        >
          {clean ? <CircleCheck className="size-5" aria-hidden /> : <CircleAlert className="size-5" aria-hidden />}
        </span>
        <div className="min-w-0 flex-1" role="status">
          <h2 className="text-sm font-semibold break-all text-slate-900">
            Imported <span className="font-mono font-normal">{fileName}</span>
          </h2>
          <p className="mt-0.5 text-sm text-slate-600">
            {answer.accepted > 0
              ? 'The new events are in the audit trail and the cases were brought up to date.'
              : answer.duplicates > 0 && answer.rejectedCount === 0
                ? 'Every event in this file was imported before: nothing changed.'
                : 'No event was added.'}
          </p>
        </div>
        <Link href="/borrowed" className={buttonClasses('secondary')}>
          See the cases
        </Link>
      </div>
      <dl className="grid grid-cols-1 gap-3 px-5 pb-5 sm:grid-cols-3" data-testid="import-summary">
        <Figure value={answer.accepted} label="accepted" tone={answer.accepted > 0 ? 'good' : 'plain'} />
        <Figure value={answer.duplicates} label="already imported" tone="plain" />
        <Figure value={answer.rejectedCount} label="rejected" tone={answer.rejectedCount > 0 ? 'bad' : 'plain'} />
      </dl>
      {answer.rejected.length > 0 ? (
        <div className="border-t border-slate-100 px-5 py-4">
          <h3 className="text-sm font-semibold text-slate-900">Rejected records</h3>
          <p className="mt-0.5 text-xs text-slate-500">
            The other records were imported all together; fix these and import the file again (what is already in is
            skipped).
          </p>
          <ol className="mt-3 max-h-96 space-y-1 overflow-y-auto text-sm">
            {answer.rejected.map((rejection) => (
              <li key={`${rejection.line}:${rejection.error}`} className="flex gap-3">
                <span className="w-20 shrink-0 text-slate-500 tabular-nums">
                  Line {numberFormat.format(rejection.line)}
                </span>
                <span className="min-w-0 break-words text-slate-800">{rejection.error}</span>
              </li>
            ))}
          </ol>
          {answer.rejectedCount > answer.rejected.length ? (
            <p className="mt-2 text-xs text-slate-500">
              The first {numberFormat.format(Math.min(REJECTED_SHOWN, answer.rejected.length))} of{' '}
              {numberFormat.format(answer.rejectedCount)} rejected records.
            </p>
          ) : null}
        </div>
      ) : null}
    </Card>
  );
}

/** Pick a format and a file, watch it upload, then read what was imported and what was refused line by line. */
export function UploadForm({
  formats,
  uploadUrl,
  maxBytes,
}: {
  formats: LogFormat[];
  uploadUrl: string;
  maxBytes: number;
}) {
  const [format, setFormat] = useState<IngestFormat>(formats[0].format);
  const [progress, setProgress] = useState<Progress>({ stage: 'idle' });
  const formRef = useRef<HTMLFormElement>(null);
  const busy = progress.stage === 'sending' || progress.stage === 'importing';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get('file');
    if (!(file instanceof File) || file.size === 0) {
      toast.error('Choose a log file to import.');
      return;
    }
    if (file.size > maxBytes) {
      const message = `The file is larger than ${fileSize(maxBytes)}: split it, or send it with the API or the CLI.`;
      setProgress({ stage: 'failed', message });
      toast.error(message);
      return;
    }
    setProgress({ stage: 'sending', sent: 0, total: file.size });
    const outcome = await send(`${uploadUrl}?format=${encodeURIComponent(format)}`, file, setProgress);
    if (outcome.ok) {
      setProgress({ stage: 'done', fileName: file.name, answer: outcome.answer });
      toast.success(`${numberFormat.format(outcome.answer.accepted)} events imported from ${file.name}.`);
      formRef.current?.reset();
    } else {
      setProgress({ stage: 'failed', message: outcome.message });
      toast.error(outcome.message);
    }
  }

  return (
    <div className="space-y-6">
      {progress.stage === 'done' ? <ImportSummaryPanel fileName={progress.fileName} answer={progress.answer} /> : null}
      <Card>
        <CardHeader
          title="Upload a log file"
          description="Valid records are imported all together or not at all; records imported before are skipped."
        />
        <form ref={formRef} onSubmit={submit} className="space-y-5 p-5">
          <FormatPicker formats={formats} value={format} onChange={setFormat} />
          <Field
            label="Log file"
            htmlFor="log-file"
            hint={`JSON, NDJSON or CloudTrail’s {"Records":[…]}, gzipped or not. Up to ${fileSize(maxBytes)}.`}
          >
            <input
              id="log-file"
              name="file"
              type="file"
              accept=".json,.ndjson,.jsonl,.gz,.log,application/json,application/gzip"
              required
              disabled={busy}
              className={fileInputClasses}
            />
          </Field>
          <ProgressBar progress={progress} />
          {progress.stage === 'failed' ? (
            <p role="alert" className="text-sm text-red-700">
              {progress.message}
            </p>
          ) : null}
          <div className="flex justify-end">
            <Button type="submit" disabled={busy}>
              {busy ? 'Importing…' : 'Upload and import'}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
