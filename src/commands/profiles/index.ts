import type { Command } from '../registry';
import { setCertificateProvisioningCommand } from './certificateProvisioning';
import type { ProfilesDeps } from './common';
import { createProfileCommand } from './createProfile';
import { deleteProfileCommand } from './deleteProfile';
import { editProfileCommand } from './editProfile';
import { explainProfileCommand } from './explainProfile';
import { exportProfileAsCodeCommand } from './exportProfileAsCode';
import { moveProfileCommand } from './moveProfile';
import { testRouteCommand } from './testRoute';

export type { ProfilesDeps } from './common';

/** Every command of the Profiles view, for the registry table. */
export function profileCommands(deps: ProfilesDeps): Command[] {
  return [
    createProfileCommand(deps),
    editProfileCommand(deps),
    deleteProfileCommand(deps),
    moveProfileCommand(deps, 'up'),
    moveProfileCommand(deps, 'down'),
    setCertificateProvisioningCommand,
    explainProfileCommand(deps),
    testRouteCommand(deps),
    exportProfileAsCodeCommand(deps),
  ];
}
