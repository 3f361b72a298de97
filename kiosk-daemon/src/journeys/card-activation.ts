/**
 * The host told to activate a card whose chip took the resident's new PIN (`host.activate`: a new
 * card's activation, or a reset of a new card's locked default PIN). The chip has the new PIN
 * already and its default PIN is gone, so the card can never be activated again at the kiosk: an
 * activation the host did not hear left the card `made` at the host for good (no query, no
 * records, no withdrawal; a second activation refused at the chip, a change refused at the host).
 * So the act is owed to the host until it answers (`owed-host-acts.ts`), journal first: the card
 * number and ID number it is made of sealed with its transaction before the chip is written.
 *
 * Not answered in the session (down, timed out, 5xx): the same act, under the same idempotency key
 * (the kiosk, the journey's transaction, `activate`), goes to the background tries of journaled
 * host acts until the host answers, then is journaled done; the session is not failed for it (the
 * card holds the new PIN). A refusal of the host stands and is the resident's answer. A restart
 * before the host answered ends the tries; the next boot finds the act journaled and not done in a
 * transaction whose card took the new PIN (`resumeAtBoot`) and sends it again, which the host
 * answers once. A new card's reset (its default PIN locked) owes it from the chip's done on
 * (`card.resetPin` done saying `activates`), journaled or not yet: the reset's report goes first.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { KioskError } from '@kiosk/domain';
import { HostService } from '../host/host.service.js';
import { JournaledHostRetries, type BootHost, type HostRetry } from '../host/journaled-host-retries.js';
import { JournalService } from '../journal/journal.service.js';
import { HOST_ACT_STEPS, OWED_ACT_KINDS } from '../journal/owed-host-acts.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { transactionsMayOwe } from '../journal/unfinished-acts.js';
import type { JourneyTools } from './journey-tools.js';

export const CARD_ACTIVATION_STEP = HOST_ACT_STEPS.activation;

export interface CardActivationDeps {
  readonly host: Pick<HostService, 'activateCard'>;
  /** the daemon's background tries (absent in unit specs of the journey: the failure stands) */
  readonly retries?: Pick<JournaledHostRetries, 'retryLater'>;
}

/** The card and its holder the activation names, sealed with the journey's transaction. */
export interface ActivatedCard {
  readonly cardNumber: string;
  readonly idNumber: string;
}

function resend(host: CardActivationDeps['host'], card: ActivatedCard, transactionId: string): HostRetry {
  return {
    step: CARD_ACTIVATION_STEP,
    send: async () => {
      await host.activateCard(card.cardNumber, card.idNumber, transactionId);
      return {};
    },
  };
}

/** Seals what a boot needs to send the activation again: before the chip is written. */
export async function sealForActivation(
  tools: Pick<JourneyTools, 'seal'>,
  card: ActivatedCard,
): Promise<void> {
  await tools.seal?.('cardNumber', card.cardNumber);
  await tools.seal?.('idNumber', card.idNumber);
}

/**
 * Has the host activate the card (its chip took the new PIN), journaled; not answered: tried again
 * in the background (its first failure journaled), and the session goes on. A refusal is thrown.
 */
export async function activateAtHost(
  deps: CardActivationDeps,
  tools: Pick<JourneyTools, 'irreversible' | 'transactionId'>,
  card: ActivatedCard,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await tools.irreversible(CARD_ACTIVATION_STEP, () =>
      deps.host.activateCard(card.cardNumber, card.idNumber, tools.transactionId, signal),
    );
  } catch (e) {
    const later = await deps.retries
      ?.retryLater(tools.transactionId, e, resend(deps.host, card, tools.transactionId))
      .catch(() => false);
    if (!later) throw e;
  }
}

/** The activations a restart cut short before the host answered, sent again at boot. */
@Injectable()
export class CardActivations {
  private readonly log = new Logger('CardActivations');

  constructor(
    private readonly journal: JournalService,
    @Inject(DataSource) private readonly db: DataSource,
    private readonly host: HostService,
    private readonly retries: JournaledHostRetries,
  ) {}

  /**
   * Every activation journaled and not answered, in a transaction no longer open (recovery closed
   * the one a restart cut short), sent again (the host away at this boot: to the background at
   * once); returns how many the host answered now.
   */
  async resumeAtBoot(boot: BootHost): Promise<number> {
    let done = 0;
    const open = new Set((await this.journal.openTransactions()).map((t) => t.id));
    for (const transactionId of await transactionsMayOwe(this.db, OWED_ACT_KINDS.activation)) {
      if (open.has(transactionId) || this.retries.owns(transactionId)) continue;
      const card = await this.unfinished(transactionId);
      if (!card) continue;
      this.log.warn(`${transactionId}: its card's activation was not answered by the host; sent again`);
      if (await this.retries.tryAtBoot(transactionId, resend(this.host, card, transactionId), boot))
        done += 1;
    }
    return done;
  }

  private async unfinished(transactionId: string): Promise<ActivatedCard | undefined> {
    // owed as retention reads it too: the chip took the new PIN, the host neither answered nor refused
    const [owed] = OWED_ACT_KINDS.activation.owedIn(await this.journal.stepsOf(transactionId));
    if (!owed) return undefined;
    try {
      const { cardNumber, idNumber } = await this.journal.personalDataOf(transactionId);
      if (cardNumber && idNumber) return { cardNumber, idNumber };
      this.log.error(`${transactionId}: its card's activation has no card or ID number sealed; left`);
    } catch (e) {
      // left, as a PIN report's is: owed until it opens at a boot, or given up at the bound
      const code = KioskError.from(e).code;
      this.log.error(`${transactionId}: its card's activation's sealed numbers do not open (${code}); left`);
    }
    return undefined;
  }
}
