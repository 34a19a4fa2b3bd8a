import { BadRequestException, Param, Query, type PipeTransform } from '@nestjs/common';
import { ApiParam, ApiQuery } from '@nestjs/swagger';

const PLAYBOOK_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const idPipe: PipeTransform<string, string> = {
  transform: (value) => {
    if (!PLAYBOOK_ID.test(value)) throw new BadRequestException(['id must be a playbook id, e.g. default']);
    return value;
  },
};
const versionPipe = (name: string): PipeTransform<string, number> => ({
  transform: (value) => {
    if (!/^[1-9][0-9]{0,5}$/.test(value ?? '')) throw new BadRequestException([`${name} must be a version number`]);
    return Number(value);
  },
});

/** The `:id` of a playbook: lower-case letters, digits and dashes. */
export const PlaybookId = () => Param('id', idPipe);
export const ApiPlaybookId = () => ApiParam({ name: 'id', type: 'string', example: 'default' });
export const VersionParam = () => Param('version', versionPipe('version'));
export const ApiVersionParam = () => ApiParam({ name: 'version', type: 'integer', example: 1 });
export const VersionQuery = (name: 'from' | 'to') => Query(name, versionPipe(name));
export const ApiVersionQuery = (name: 'from' | 'to') => ApiQuery({ name, type: 'integer', required: true });
