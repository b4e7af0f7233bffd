export function Brand() {
  return (
    <div className="flex items-center gap-2.5">
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img src="/icon.svg" alt="" className="size-7" />
      <span className="text-base font-semibold tracking-tight text-on-accent">Steward</span>
    </div>
  );
}
