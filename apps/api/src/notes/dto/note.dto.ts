import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export const NOTE_MAX_LENGTH = 4000;

/** A new case note. Control characters and invalid Unicode are refused before this (InputSafetyPipe). */
export class CreateNoteDto {
  @ApiProperty({
    example: 'Spoke with the housing corporation; a room is likely from March.',
    minLength: 1,
    maxLength: NOTE_MAX_LENGTH,
    description: `1 to ${NOTE_MAX_LENGTH} characters after trimming; line breaks allowed, other control characters not`,
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'text must not be empty' })
  @MaxLength(NOTE_MAX_LENGTH)
  text: string;
}
