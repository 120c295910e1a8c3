import { Injectable } from '@nestjs/common';

/** One subscribe message as WeChat received it. */
export interface SentMessage {
  appid: string;
  touser: string;
  template_id: string;
  data: unknown;
  page?: unknown;
  miniprogram_state?: unknown;
  lang?: unknown;
  sentAt: number;
}

/**
 * What users accepted (wx.requestSubscribeMessage: one message per acceptance)
 * and every message sent, for tests to read.
 */
@Injectable()
export class SubscriptionStore {
  private readonly templates = new Map<string, Set<string>>();
  private readonly accepted = new Map<string, number>();
  private readonly sent: SentMessage[] = [];

  /** The user accepts `count` more messages of the template, which becomes one of the app's. */
  accept(appid: string, openid: string, templateId: string, count: number): number {
    const templates = this.templates.get(appid) ?? new Set<string>();
    templates.add(templateId);
    this.templates.set(appid, templates);
    const key = acceptanceKey(appid, openid, templateId);
    const total = (this.accepted.get(key) ?? 0) + count;
    this.accepted.set(key, total);
    return total;
  }

  isTemplate(appid: string, templateId: string): boolean {
    return this.templates.get(appid)?.has(templateId) ?? false;
  }

  /** Uses one acceptance up; false when the user has none left. */
  consume(appid: string, openid: string, templateId: string): boolean {
    const key = acceptanceKey(appid, openid, templateId);
    const left = this.accepted.get(key) ?? 0;
    if (left <= 0) return false;
    this.accepted.set(key, left - 1);
    return true;
  }

  record(message: SentMessage): void {
    this.sent.push(message);
  }

  sentTo(appid: string | undefined): SentMessage[] {
    return appid === undefined ? [...this.sent] : this.sent.filter((m) => m.appid === appid);
  }
}

function acceptanceKey(appid: string, openid: string, templateId: string): string {
  return `${appid}\n${openid}\n${templateId}`;
}
