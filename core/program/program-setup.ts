import { newWorkspaceSecret } from '../workspace-key.ts';
import { encodeProgramCode, encodePublicKeys, type ProgramCode } from './program-code.ts';
import { generateProgramKeys, type ProgramPrivateKeys } from './program-crypto.ts';
import { createProgram, type NewProgram, type Program } from './program.ts';

/** Everything a coordinator's device keeps for a program it runs. */
export interface CoordinatedProgram {
  program: Program;
  code: ProgramCode;
  /** The code as the text the coordinator hands out. */
  codeText: string;
  privateKeys: ProgramPrivateKeys;
}

/**
 * Sets up a new program on the coordinator's device: its definition, a fresh
 * room secret and the program's key pairs. The private keys never leave this
 * device; the code carries the public halves and the room.
 */
export async function setUpProgram(input: NewProgram, relayUrl: string): Promise<CoordinatedProgram> {
  const program = createProgram(input);
  const { privateKeys, publicKeys } = await generateProgramKeys();
  const code: ProgramCode = { v: 1, relayUrl, room: newWorkspaceSecret(), ...encodePublicKeys(publicKeys), name: program.name };
  return { program, code, codeText: encodeProgramCode(code), privateKeys };
}
