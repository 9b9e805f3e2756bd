/**
 * The join of a multi-user listing kept up to date while its pages arrive (#17 item 1; pure, no
 * `vscode` import).
 *
 * The Devices view draws what has arrived about once a second while 100,000 physical devices and
 * their registrations load. Joining everything again for each of those draws (joinPhysicalInSlices)
 * did the whole join some forty times over, the later ones over nearly the whole fleet: seconds of
 * extension-host work, and as many discarded copies of every device, whose collection paused the
 * host (a profile of the benchmark showed collector pauses of 50–115 ms during the listing). Here a
 * device is joined again only when something of it arrived since the last draw (the device itself, or
 * one of its registrations); every other device keeps its object, which also keeps the view's caches
 * keyed by device object (search text, sort order) valid. The result equals joinPhysical over the same
 * items.
 */
import { Interner } from './deviceStore';
import { addRegistration, fromPhysical, type FleetDevice, type FleetRegistration, type PhysicalDeviceInput, type RegistrationInput } from './fleetDevice';
import { mapInSlices, Slicer } from '../util/slices';

export class PhysicalJoin {
  private readonly pool = new Interner();
  private readonly regsByDevice = new Map<string, FleetRegistration[]>();
  /** Each device id once, in the order the listing gave them. */
  private readonly inputs = new Map<string, PhysicalDeviceInput>();
  private readonly joined = new Map<string, FleetDevice>();
  /** Devices to join again: something of them arrived (a registration may come before its device). */
  private readonly dirty = new Set<string>();
  private devicesTaken = 0;
  private regsTaken = 0;
  private queue: Promise<unknown> = Promise.resolve();

  /** `devices` and `registrations`: the listing's own arrays, which only grow (items are never replaced). */
  constructor(
    readonly devices: readonly PhysicalDeviceInput[],
    readonly registrations: readonly RegistrationInput[],
  ) {}

  /** Whether every item of these maps is what the arrays held (each id once), so `current()` is their join. */
  covers(devices: ReadonlyMap<string, unknown>, registrations: ReadonlyMap<string, unknown>): boolean {
    return this.devices.length === devices.size && this.registrations.length === registrations.size;
  }

  /** The join of everything the arrays hold now, in slices; calls run one after another. */
  current(slicer = new Slicer()): Promise<FleetDevice[]> {
    const run = this.queue.then(() => this.update(slicer));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async update(slicer: Slicer): Promise<FleetDevice[]> {
    let i = 0;
    while (this.regsTaken < this.registrations.length) {
      if (slicer.due(i++)) await slicer.pause();
      const r = this.registrations[this.regsTaken++];
      if (!r.device?.id) continue;
      addRegistration(this.regsByDevice, r, this.pool);
      this.dirty.add(r.device.id);
    }
    while (this.devicesTaken < this.devices.length) {
      if (slicer.due(i++)) await slicer.pause();
      const p = this.devices[this.devicesTaken++];
      this.inputs.set(p.id, p);
      this.dirty.add(p.id);
    }
    for (const id of this.dirty) {
      if (slicer.due(i++)) await slicer.pause();
      const p = this.inputs.get(id);
      if (!p) continue; // its device is still to come
      this.joined.set(id, fromPhysical(p, this.regsByDevice.get(id) ?? [], this.pool));
      this.dirty.delete(id);
    }
    return mapInSlices(this.inputs.keys(), id => this.joined.get(id)!, slicer);
  }
}
