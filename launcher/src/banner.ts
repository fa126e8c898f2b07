import type { DemoAccounts } from '@emporium/contracts/demo/demo-catalog';
import type { RunningService } from '@emporium/platform/service/start-service';

export function bannerOf(settings: {
  gatewayUrl: string;
  services: RunningService[];
  dataLocation: string;
  accounts: DemoAccounts | undefined;
  startedInMs: number;
}): string {
  const base = settings.gatewayUrl.replace('127.0.0.1', 'localhost');
  const services = settings.services
    .filter((s) => s.name !== 'gateway')
    .map((s) => `${s.name} ${s.url.replace('http://127.0.0.1', '')}`)
    .join(', ');
  const lines = [
    '',
    `Emporium is running (embedded mode, ${settings.dataLocation}) — started in ${(settings.startedInMs / 1000).toFixed(1)} s`,
    `  Shop API      ${base}/api/v1/products`,
    `  Search        ${base}/api/v1/search?q=dress`,
    `  API docs      ${base}/api/docs`,
    `  Health        ${base}/health/ready`,
    `  Services      ${services}`,
  ];
  if (settings.accounts) {
    lines.push(
      `  Admin         ${settings.accounts.admin.email} / ${settings.accounts.admin.password}`,
      `  Customer      ${settings.accounts.customer.email} / ${settings.accounts.customer.password}`,
    );
  }
  lines.push('Press Ctrl-C to stop.', '');
  return lines.join('\n');
}
