import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../lib/ingest/parse';

const RECORDS = 200_000;

/** A CloudTrail log file of `count` events, produced 64 KiB at a time and never held whole. */
async function* trailFile(count: number): AsyncGenerator<Uint8Array> {
  let pending = '{"Records":[\n';
  for (let index = 0; index < count; index++) {
    pending += (index === 0 ? '' : ',\n') + JSON.stringify(event(index));
    if (pending.length >= 64 * 1024) {
      yield Buffer.from(pending);
      pending = '';
    }
  }
  yield Buffer.from(`${pending}\n]}\n`);
}

function event(index: number) {
  const second = String(index % 60).padStart(2, '0');
  return {
    eventVersion: '1.10',
    userIdentity: {
      type: 'IAMUser',
      principalId: `AIDAEXAMPLE${index % 97}`,
      arn: `arn:aws:iam::210987654321:user/user-${index % 97}`,
      accountId: '210987654321',
      accessKeyId: `AKIAEXAMPLE${String(index % 97).padStart(9, '0')}`,
      userName: `user-${index % 97}`,
    },
    eventTime: `2025-03-03T10:${String(Math.floor(index / 60) % 60).padStart(2, '0')}:${second}Z`,
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    awsRegion: 'eu-west-1',
    sourceIPAddress: `198.51.100.${index % 250}`,
    userAgent: 'Boto3/1.35.80 md/Botocore#1.35.80 ua/2.0 os/linux lang/python#3.12 app/langchain-aws Botocore/1.35.80',
    requestParameters: { bucketName: 'finance-reports', key: `exports/${index}.csv` },
    resources: [{ type: 'AWS::S3::Object', ARN: `arn:aws:s3:::finance-reports/exports/${index}.csv` }],
    eventID: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    eventType: 'AwsApiCall',
    recipientAccountId: '210987654321',
  };
}

describe('a large CloudTrail file streams in bounded memory', () => {
  it(`parses ${RECORDS.toLocaleString('en')} events one at a time without holding the file`, async () => {
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let events = 0;
    let rejections = 0;
    let bytes = 0;
    const counted = (async function* () {
      for await (const chunk of trailFile(RECORDS)) {
        bytes += chunk.length;
        yield chunk;
      }
    })();
    for await (const record of parseRecords('cloudtrail', counted)) {
      if ('error' in record) rejections++;
      else events++;
      if (events % 5_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const after = process.memoryUsage().heapUsed;
    const mib = (value: number) => (value / 1024 / 1024).toFixed(1);
    console.info(
      `ingest-large: ${events} events from ${mib(bytes)} MiB; heap before ${mib(before)} MiB, peak ${mib(peak)} MiB, after ${mib(after)} MiB`,
    );
    expect(events).toBe(RECORDS);
    expect(rejections).toBe(0);
    // Behaviour, not timing: the heap never grows by anything like the file's size.
    expect(peak - before).toBeLessThan(bytes / 4);
  }, 180_000);
});
