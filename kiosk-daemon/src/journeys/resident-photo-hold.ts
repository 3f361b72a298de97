/**
 * The photo read from the resident's ID card, held in the session for as long as it is needed:
 * the face match, and on the card-making road the card face. One at a time, with the ID number
 * it belongs to; wiped (zeroed) when replaced or dropped: when the face is printed, when the
 * issuance ends, and when the session ends. Never serialised: it renders as `[photo]`, and it
 * goes into no journal step, log line or session view (the card face preview is its one way out).
 */
export class ResidentPhotoHold {
  #held: { readonly idNumber: string; readonly photo: Uint8Array } | null = null;

  keep(idNumber: string, photo: Uint8Array): void {
    this.drop();
    this.#held = { idNumber, photo: Uint8Array.from(photo) };
  }

  /** the photo held now, whoever it belongs to (the face match of the ID card just read) */
  current(): Uint8Array | null {
    return this.#held?.photo ?? null;
  }

  /** the photo of this resident, or undefined when the held one is another's or none is held */
  photoOf(idNumber: string): Uint8Array | undefined {
    return this.#held?.idNumber === idNumber ? this.#held.photo : undefined;
  }

  drop(): void {
    this.#held?.photo.fill(0);
    this.#held = null;
  }

  toJSON(): string {
    return '[photo]';
  }

  toString(): string {
    return '[photo]';
  }
}
