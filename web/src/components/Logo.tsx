export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="7" fill="var(--mantine-color-blue-8)" />
      <path
        d="M10 8h8a5 5 0 0 1 1.9 9.6A5 5 0 0 1 19 26h-9zm4 4v4h4a2 2 0 0 0 0-4zm0 8v2h5a1 1 0 0 0 0-2z"
        fill="#fff"
      />
    </svg>
  );
}
