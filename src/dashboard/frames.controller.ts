import { Controller, Get } from '@nestjs/common';
import { ApiProperty, ApiTags } from '@nestjs/swagger';
import { FRAMES } from '../analysis';
import { DashboardRead } from './dashboard-read.decorator';

class FrameDto {
  @ApiProperty({ example: 'firmly-opposes' }) id!: string;
  @ApiProperty({ example: 'firmly opposes', description: 'the id as words, for people' })
  label!: string;
  @ApiProperty({
    enum: [1, 0, -1],
    description: '1: warmth or approval, -1: friction or protest, 0: neither',
  })
  polarity!: number;
  @ApiProperty({ example: 'a formal protest: the strongest routine rejection short of action' })
  meaning!: string;
}

class FrameListDto {
  @ApiProperty({ type: [FrameDto] }) frames!: FrameDto[];
}

/** The framing lexicon's frames with their meaning and polarity, so the page can explain an id. */
@ApiTags('dashboard')
@Controller('api/frames')
export class FramesController {
  @Get()
  @DashboardRead('The frames of the framing lexicon: label, polarity and meaning', FrameListDto)
  list(): FrameListDto {
    return {
      frames: FRAMES.map((f) => ({
        id: f.id,
        label: f.id.replace(/-/g, ' '),
        polarity: Math.sign(f.polarity),
        meaning: f.meaning,
      })),
    };
  }
}
