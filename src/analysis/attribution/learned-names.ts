import { nameTokens } from '../monitors';
import { COREF_HEADS, headsOf, NAME_BLOCKERS, singular, TITLE_WORDS } from './lexicon';
import { MAX_NAMES_PER_WORD } from './limits';
import { someOverlapping } from './spans';
import type { Mention, Resolved } from './types';
import { wordsIn } from './words';

/** A personal name learned from a side-bearing speaker phrase, valid for the rest of the article. */
export interface LearnedName {
  tokens: string[];
  /** empty when the name was learned for two different sides (ambiguous, never matched) */
  side: string;
  phrase: string;
  heads: string[];
}

// A capitalised word that can be part of a personal name: "Zhang", "Jean-Pierre", "O'Brien", "J".
const NAME_WORD = /^[A-Z](?:[a-z]*|[A-Za-z'-]*[a-z][A-Za-z'-]*)$/;

/** Names learned in one article, by first token, longest first. */
export class LearnedNames {
  private readonly byFirst = new Map<string, LearnedName[]>();
  private readonly byKey = new Map<string, LearnedName>();

  get size(): number {
    return this.byFirst.size;
  }

  /** Learned names whose first token is `word`, longest first. */
  startingWith(word: string): LearnedName[] | undefined {
    return this.byFirst.get(word);
  }

  /**
   * "Chinese Defense Ministry spokesman Zhang Xiaogang said": a personal name (two to four
   * capitalised words ending the phrase, after its titles and actor names) in a speaker phrase
   * with one side is remembered with that side for the rest of the article, as the full name,
   * the first and the last word ("Zhang added", "Blinken said"). Returns whether a name was new.
   */
  learnFromSpeaker(text: string, r: Resolved, mentions: Mention[]): boolean {
    if (r.sides.length !== 1) return false;
    const words = wordsIn(text, r.span.start, r.span.end);
    let k = words.length;
    while (k > 0) {
      const w = words[k - 1];
      if (
        !NAME_WORD.test(w.text) ||
        TITLE_WORDS.has(w.lower) ||
        COREF_HEADS.has(singular(w.lower)) ||
        someOverlapping(mentions, w.start, w.end, (m) => m.kind !== 'person')
      )
        break;
      k--;
    }
    const run = words.length - k;
    if (run < 2 || run > 4 || (k > 0 && NAME_BLOCKERS.has(words[k - 1].lower))) return false;
    const tokens = nameTokens(text.slice(words[k].start, r.span.end));
    if (tokens.length !== run) return false;
    return this.add(tokens, r.sides[0], r.speaker, headsOf(r.speaker));
  }

  /**
   * "… held a call with Wang Yi on Friday": a person of the monitor named anywhere in the
   * article is known by surname and given name for the rest of it ("Wang reiterated").
   */
  learnMentionedPeople(text: string, mentions: Mention[]): boolean {
    let added = false;
    for (const m of mentions) {
      if (m.kind !== 'person' || m.learned || m.inQuote) continue;
      const tokens = nameTokens(text.slice(m.start, m.end));
      if (tokens.length < 2) continue;
      if (this.add(tokens, m.side, text.slice(m.start, m.end), [])) added = true;
    }
    return added;
  }

  /** Remembers a full name and its first and last words with a side; returns whether any was new. */
  private add(tokens: string[], side: string, phrase: string, heads: string[]): boolean {
    let added = false;
    const forms = [tokens, [tokens[0]], [tokens[tokens.length - 1]]];
    for (const form of forms) {
      if (form.length === 1 && form[0].length < 2) continue; // initials
      const key = form.join(' ');
      const known = this.byKey.get(key);
      if (known) {
        if (known.side && known.side !== side) known.side = ''; // two people, two sides
        continue;
      }
      const list = this.byFirst.get(form[0]) ?? [];
      if (list.length >= MAX_NAMES_PER_WORD) continue;
      const entry: LearnedName = { tokens: form, side, phrase, heads };
      this.byKey.set(key, entry);
      // Longest first; among names of one length, in the order learned.
      let at = list.length;
      while (at > 0 && list[at - 1].tokens.length < form.length) at--;
      list.splice(at, 0, entry);
      this.byFirst.set(form[0], list);
      added = true;
    }
    return added;
  }
}
