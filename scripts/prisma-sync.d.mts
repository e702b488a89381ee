export function toPostgres(source: string): string;
export function checkInStep(): string[];
