import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ageOn, isCalendarDate, PROBATION_ORGANISATIONS } from '@terugkeer/domain';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  IsBsn,
  IsCalendarDate,
  IsMunicipalityCode,
  IsPrisonCode,
  IsProbationCode,
  NotBefore,
  NotInFuture,
  NotInPast,
} from '../../common/validators';
import { ConsentDto } from './consent.dto';

class PersonDto {
  @ApiProperty({ example: '123456782', description: 'citizen service number (BSN), passes the 11-check' })
  @IsBsn()
  bsn: string;

  @ApiProperty({ example: 'J. Jansen' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: '1990-05-01', format: 'date' })
  @IsCalendarDate()
  dateOfBirth: string;
}

export class ContactDto {
  @ApiProperty({ example: 'C. de Vries' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'c.devries@dji.example' })
  @IsEmail()
  @MaxLength(200)
  email: string;

  @ApiProperty({ example: '+31 546 000 000' })
  @Matches(/^\+?[0-9 ()-]{6,30}$/, { message: 'phone must be a phone number' })
  phone: string;
}

export class NeedsDto {
  @ApiProperty({ description: 'no valid ID document' }) @IsBoolean() id: boolean;
  @ApiProperty() @IsBoolean() housing: boolean;
  @ApiProperty() @IsBoolean() income: boolean;
  @ApiProperty() @IsBoolean() debts: boolean;
  @ApiProperty() @IsBoolean() care: boolean;
  @ApiProperty({ description: 'no bank account' }) @IsBoolean() bankAccount: boolean;
  @ApiProperty({ description: 'no DigiD' }) @IsBoolean() digid: boolean;
  @ApiPropertyOptional({ description: 'threatening debts (rent, energy): debt help within 3 working days' })
  @IsOptional()
  @IsBoolean()
  debtsThreatening?: boolean;
}

@ValidatorConstraint({ name: 'adultAtIntake' })
class AdultAtIntake implements ValidatorConstraintInterface {
  validate(person: PersonDto | undefined, args: ValidationArguments) {
    const intake = (args.object as RegisterIntakeDto).intakeDate;
    if (!person || !isCalendarDate(person.dateOfBirth) || !isCalendarDate(intake)) return true;
    return ageOn(person.dateOfBirth, intake) >= 18;
  }
  defaultMessage() {
    return 'person.dateOfBirth must make the person 18 or older on the intakeDate';
  }
}

export class RegisterIntakeDto {
  @ApiProperty({ type: PersonDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PersonDto)
  @Validate(AdultAtIntake)
  person: PersonDto;

  @ApiProperty({ example: 'PI-ALMELO' })
  @IsPrisonCode()
  prison: string;

  @ApiProperty({ example: 'GM0363', description: 'responsible municipality (prior residence or intended settlement)' })
  @IsMunicipalityCode()
  municipality: string;

  @ApiProperty({ example: 'RN', enum: PROBATION_ORGANISATIONS })
  @IsProbationCode()
  probation: string;

  @ApiProperty({
    example: '2026-11-20',
    format: 'date',
    description: 'not in the future; a past date fires passed steps at once, marked late',
  })
  @IsCalendarDate()
  @NotInFuture()
  intakeDate: string;

  @ApiProperty({
    example: '2027-03-01',
    format: 'date',
    nullable: true,
    description: 'null while unknown (e.g. pre-trial detention); not in the past',
  })
  @IsOptional()
  @IsCalendarDate()
  @NotBefore('intakeDate')
  @NotInPast()
  expectedReleaseDate: string | null = null;

  @ApiProperty({ type: ContactDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => ContactDto)
  casemanager: ContactDto;

  @ApiProperty({ type: NeedsDto, description: 'help questions per basic condition (true = needs help)' })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => NeedsDto)
  needs: NeedsDto;

  @ApiPropertyOptional({ format: 'date', nullable: true, description: 'expiry of the ID document, if any' })
  @IsOptional()
  @IsCalendarDate()
  idDocumentExpiry: string | null = null;

  @ApiPropertyOptional({
    type: () => ConsentDto,
    description:
      'consent per basic condition to share its information, where already given at intake: a stay of 4 weeks or ' +
      'less then sends its requests at intake, without waiting for the screening',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
}
