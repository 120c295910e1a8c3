import { Injectable } from '@nestjs/common';

export type Suggestion = 'pass' | 'review' | 'risky';

/** A word that makes a text `risky` or `review` with WeChat's label for it (e.g. 20001 politics). */
export interface ContentRule {
  word: string;
  suggest: 'review' | 'risky';
  label: number;
}

export const PASS_LABEL = 100;

/** The words msg_sec_check flags, set by tests (PUT /sandbox/content-rules). */
@Injectable()
export class ContentRules {
  private rules: ContentRule[] = [];

  replace(rules: ContentRule[]): void {
    this.rules = rules.map((rule) => ({ ...rule, word: rule.word.toLowerCase() }));
  }

  /** The first rule whose word the text contains (case-insensitive), `risky` rules first. */
  verdict(content: string): { suggest: Suggestion; label: number } {
    const text = content.toLowerCase();
    const ordered = [...this.rules].sort(
      (a, b) => Number(b.suggest === 'risky') - Number(a.suggest === 'risky'),
    );
    const hit = ordered.find((rule) => text.includes(rule.word));
    return hit
      ? { suggest: hit.suggest, label: hit.label }
      : { suggest: 'pass', label: PASS_LABEL };
  }
}
