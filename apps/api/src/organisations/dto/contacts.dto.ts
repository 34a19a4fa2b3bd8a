import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NOTIFY_CHOICES, type NotifyChoice } from '@terugkeer/persistence';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ALL_CONTACT_ROLES } from '../organisation-kind';

export const MAX_CONTACTS = 20;
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** One functional mailbox: who it is for, how to reach it, what it hears of. */
export class ContactEntryDto {
  @ApiProperty({
    enum: ALL_CONTACT_ROLES,
    description:
      'the role whose work it hears of: casemanager or supervisor for a prison, municipality or supervisor for a ' +
      'municipality, probation or supervisor for probation, partner for a partner',
  })
  @IsIn(ALL_CONTACT_ROLES)
  role: string;

  @ApiProperty({ example: 'terugkeer@almelo.nl', maxLength: 254, description: 'a functional mailbox' })
  @Transform(trimmed)
  @IsEmail({}, { message: ({ property }) => `${property} must be an e-mail address` })
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Team Nazorg', maxLength: 200 })
  @Transform(trimmed)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @Matches(/^[^\r\n\t]*$/, { message: 'name must be one line' })
  name: string;

  @ApiPropertyOptional({ example: '+31 546 000 000', nullable: true, maxLength: 40 })
  @IsOptional()
  @IsString()
  @Matches(/^\+?[0-9][0-9 ()-]{1,38}$/, { message: 'phone must be a telephone number (digits, spaces, + ( ) -)' })
  phone?: string | null;

  @ApiPropertyOptional({
    enum: NOTIFY_CHOICES,
    default: 'both',
    description: 'urgent: an e-mail at once for urgent work; digest: the daily digest; both (default)',
  })
  @IsOptional()
  @IsIn(NOTIFY_CHOICES)
  notify?: NotifyChoice;
}

/** The whole registry of one organisation: replaces what was there. */
export class ContactsDto {
  @ApiProperty({ type: [ContactEntryDto], maxItems: MAX_CONTACTS, description: 'an empty list removes them all' })
  @IsArray()
  @ArrayMaxSize(MAX_CONTACTS)
  @ValidateNested({ each: true })
  @Type(() => ContactEntryDto)
  contacts: ContactEntryDto[];
}
